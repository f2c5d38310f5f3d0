from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from assessments.models import Questionnaire
from tests.assessments.factories import answer_all, make_assessment, make_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def test_a_published_questionnaire_is_read_only(admin_client):
    questionnaire = make_questionnaire("1.0")
    url = reverse("admin:assessments_questionnaire_change", args=[questionnaire.pk])
    html = admin_client.get(url).content.decode()
    assert "Realistic task number 1" in html
    assert 'name="items-0-text"' not in html
    assert 'name="title"' not in html
    response = admin_client.post(url, {"title": "Changed"})
    assert response.status_code == 403
    assert Questionnaire.objects.get().title == "Test questionnaire 1.0"


def test_a_draft_is_editable(admin_client):
    draft = make_questionnaire("d1", published=False)
    url = reverse("admin:assessments_questionnaire_change", args=[draft.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="items-0-text"' in html
    assert 'name="sections-0-intro"' in html


def test_copy_and_publish_actions(admin_client):
    original = make_questionnaire("1.0")
    changelist = reverse("admin:assessments_questionnaire_changelist")
    admin_client.post(
        changelist, {"action": "copy_as_draft", "_selected_action": [original.pk]}, follow=True
    )
    copy = Questionnaire.objects.get(version="1.1")
    assert not copy.published
    assert copy.items.count() == original.items.count()
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [copy.pk]}, follow=True
    )
    assert "Published 1.1." in response.content.decode()
    copy.refresh_from_db()
    assert copy.published
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [copy.pk]}, follow=True
    )
    assert "already published" in response.content.decode()


def test_the_assessment_list_shows_a_token_prefix_and_the_answered_count(admin_client):
    assessment = make_assessment()
    answer_all(assessment)
    html = admin_client.get(reverse("admin:assessments_assessment_changelist")).content.decode()
    assert f"{assessment.token[:6]}…" in html
    assert assessment.token not in html
    assert '<td class="field-answered">6</td>' in html
    detail = admin_client.get(
        reverse("admin:assessments_assessment_change", args=[assessment.pk])
    ).content.decode()
    assert "Realistic task number 1" in detail
    assert assessment.token not in detail


def test_items_can_be_searched_and_filtered(admin_client):
    make_questionnaire("1.0")
    url = reverse("admin:assessments_item_changelist")
    html = admin_client.get(url, {"q": "T-DEP"}).content.decode()
    assert "Dependability statement 1" in html
    assert "Realistic task number 1" not in html
    html = admin_client.get(url, {"in_short_form__exact": "0"}).content.decode()
    assert "Realistic task number 3" in html
    assert "Realistic task number 1<" not in html
