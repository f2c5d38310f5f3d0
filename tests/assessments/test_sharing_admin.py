from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessments import counseling
from assessments.models import COUNSELORS_GROUP, Result
from tests.assessments.account_factories import (
    join,
    make_counselor,
    make_group,
    make_user,
    owned_result,
)
from tests.assessments.results_factories import make_scored_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(staff=True))
    return client


@pytest.fixture
def shared():
    make_scored_catalog()
    seeker = make_user("sam@example.com")
    assessment = owned_result(seeker)
    counselor = make_counselor("casey@example.com")
    group = make_group(counselor, "Evening class")
    join(group, seeker)
    counseling.note_add(author=counselor, assessment=assessment, text="A note")
    return assessment, group


def test_results_are_read_only_in_the_admin(staff_client, shared):
    result = Result.objects.get()
    url = reverse("admin:assessments_result_change", args=[result.pk])
    html = staff_client.get(url).content.decode()
    assert "RAI" in html
    assert 'name="_save"' not in html
    assert staff_client.post(url, {"holland_code": "CCC"}).status_code == 403
    assert staff_client.get(reverse("admin:assessments_result_add")).status_code == 403
    result.refresh_from_db()
    assert result.holland_code == "RAI"


def test_the_admin_lists_groups_memberships_notes_and_who_owns_each_assessment(
    staff_client, shared
):
    _assessment, group = shared
    groups = staff_client.get(reverse("admin:assessments_counselinggroup_changelist"))
    assert "Evening class" in groups.content.decode()
    change = staff_client.get(reverse("admin:assessments_counselinggroup_change", args=[group.pk]))
    # The invite code is a credential: only its start is shown.
    assert group.invite_code not in change.content.decode()
    assert group.invite_code[:6] in change.content.decode()
    memberships = staff_client.get(reverse("admin:assessments_membership_changelist"))
    assert "sam@example.com" in memberships.content.decode()
    notes = staff_client.get(reverse("admin:assessments_counselornote_changelist"))
    assert "casey@example.com" in notes.content.decode()
    assessments = staff_client.get(reverse("admin:assessments_assessment_changelist"))
    assert "sam@example.com" in assessments.content.decode()


def test_admins_make_a_counselor_by_adding_the_user_to_the_counselors_group(
    staff_client,
):
    user = make_user("new@example.com")
    counselors = Group.objects.get(name=COUNSELORS_GROUP)
    url = reverse("admin:auth_user_change", args=[user.pk])
    assert f'value="{counselors.pk}"' in staff_client.get(url).content.decode()
    response = staff_client.post(
        url,
        {
            "username": user.username,
            "email": user.email,
            "is_active": "on",
            "groups": [counselors.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    assert list(user.groups.all()) == [counselors]
