"""Users, counselors, groups and consent, built in code for the account and counselor tests."""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Group, User

from assessments import counseling
from assessments.models import COUNSELORS_GROUP, Assessment, CounselingGroup, Membership
from tests.assessments.results_factories import finished_assessment

PASSWORD = "a-long-test-password-9"
_numbers = itertools.count(1)


def make_user(email: str = "", *, name: str = "", staff: bool = False) -> User:
    email = email or f"person{next(_numbers)}@example.com"
    first, _, last = name.partition(" ")
    return User.objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        is_staff=staff,
        is_superuser=staff,
    )


def make_counselor(email: str = "", *, name: str = "Casey Counselor") -> User:
    user = make_user(email or f"counselor{next(_numbers)}@example.com", name=name)
    user.groups.add(Group.objects.get(name=COUNSELORS_GROUP))
    return user


def make_group(counselor: User | None = None, name: str = "Class of 2026") -> CounselingGroup:
    return counseling.group_create(counselor=counselor or make_counselor(), name=name)


def join(
    group: CounselingGroup,
    user: User,
    *,
    share_all: bool = True,
    assessments: tuple[Assessment, ...] = (),
) -> Membership:
    return counseling.consent_give(
        group=group, user=user, share_all=share_all, assessments=list(assessments)
    )


def owned_result(user: User, **options: object) -> Assessment:
    """A finished, scored assessment of the results questionnaire that belongs to `user`."""
    assessment = finished_assessment(**options)
    Assessment.objects.filter(pk=assessment.pk).update(user=user)
    assessment.refresh_from_db()
    return assessment
