"""What lists of assessments show: "My results", a counselor's roster, group summary and CSV.

Each function runs a fixed number of queries whatever the number of people or assessments:
the assessments, their latest results (one query with a subquery), and the titles of the
careers shown. Results are read without their per-domain distances, which lists never need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from assessments import access, group_summary, matching, roster_csv, roster_order
from assessments.group_summary import DONE, IN_PROGRESS, NOT_STARTED, STATUS_LABELS
from assessments.models import (
    Assessment,
    CounselingGroup,
    CounselorNote,
    Membership,
    Questionnaire,
    Result,
)
from assessments.results import NEWEST_FIRST, RESULT_PAGE_RELATED, catalog_occupations
from assessments.top_careers import TopCareer, stored_best

TOP = 3
CSV_CHUNK = 200
# What a roster reads of a membership; of users only names and emails, as plain values: a
# thousand full model instances cost more than the roster's queries.
MEMBERSHIP_FIELDS = ("id", "group_id", "user_id", "share_all", "consented_at", "withdrawn_at")


class Scored(NamedTuple):
    """What lists show of an assessment's latest result (read as plain values, not a Result)."""

    pk: int
    holland_code: str
    top: list  # the Result's stored best careers


@dataclass(frozen=True)
class AssessmentRow:
    """One assessment with its latest result, as lists show it."""

    assessment: Assessment
    result: Scored | None
    top: tuple[TopCareer, ...]

    @property
    def status(self) -> str:
        return DONE if self.assessment.is_finished else IN_PROGRESS

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def holland_code(self) -> str:
        return self.result.holland_code if self.result else ""

    @property
    def date(self) -> datetime:
        return self.assessment.finished_at or self.assessment.created


@dataclass(frozen=True)
class RosterRow:
    membership: Membership
    name: str
    email: str
    status: str
    shown: AssessmentRow | None  # the newest result shared with the counselor
    in_progress: Assessment | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def date(self) -> datetime | None:
        if self.shown:
            return self.shown.date
        return self.in_progress.updated if self.in_progress else None

    @property
    def holland_code(self) -> str:
        return self.shown.holland_code if self.shown else ""

    @property
    def top(self) -> tuple[TopCareer, ...]:
        return self.shown.top if self.shown else ()


@dataclass(frozen=True)
class GroupOverview:
    group: CounselingGroup
    members: int
    finished: int


def display_name(user: AbstractBaseUser) -> str:
    return name_of(user.first_name, user.last_name, user.email, user.get_username())


def name_of(first: str, last: str, email: str, username: str) -> str:
    """What lists call a person: their full name, else their email, else their username."""
    return f"{first} {last}".strip() or email or username


def my_assessments(user: AbstractBaseUser) -> list[AssessmentRow]:
    """The user's assessments, newest first."""
    assessments = list(
        Assessment.objects.filter(user=user).select_related("questionnaire").order_by("-created")
    )
    return assessment_rows(assessments)


def my_memberships(user: AbstractBaseUser) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)
        .select_related("group__counselor")
        .prefetch_related("shared")
        .order_by("withdrawn_at", "-consented_at")
    )


def browser_unclaimed(tokens: Iterable[str]) -> int:
    """How many of the assessments started in this browser nobody has claimed yet."""
    wanted = [token for token in tokens if isinstance(token, str)]
    return Assessment.objects.filter(token__in=wanted, user__isnull=True).count() if wanted else 0


def finished_choices(user: AbstractBaseUser) -> list[AssessmentRow]:
    """The user's completed results, newest first, for the consent form's checkboxes."""
    return [row for row in my_assessments(user) if row.assessment.is_finished]


def counselor_groups(counselor: AbstractBaseUser) -> list[GroupOverview]:
    groups = CounselingGroup.objects.filter(counselor=counselor).annotate(
        member_count=Count("memberships", filter=Q(memberships__withdrawn_at__isnull=True))
    )
    # Picked results are always finished ones (counseling.consent_give), so a membership shows
    # a result when it picks one, or shares all and its user has finished one.
    has_finished = Assessment.objects.filter(user=OuterRef("user"), finished_at__isnull=False)
    has_picked = Membership.shared.through.objects.filter(membership=OuterRef("pk"))
    finished = dict(
        Membership.objects.filter(group__counselor=counselor, withdrawn_at__isnull=True)
        .filter((Q(share_all=True) & Exists(has_finished)) | Exists(has_picked))
        .order_by()
        .values("group")
        .annotate(count=Count("id"))
        .values_list("group", "count")
    )
    return [
        GroupOverview(group=group, members=group.member_count, finished=finished.get(group.pk, 0))
        for group in groups
    ]


def withdrawn_count(group: CounselingGroup) -> int:
    """Members who joined and then stopped sharing (and have not joined again)."""
    return (
        Membership.objects.filter(group=group, withdrawn_at__isnull=False)
        .exclude(user__memberships__group=group, user__memberships__withdrawn_at__isnull=True)
        .values("user_id")
        .distinct()
        .count()
    )


def group_roster(group: CounselingGroup) -> list[RosterRow]:
    """Every active member with what the group's counselor may see of them."""
    active = Membership.objects.filter(group=group, withdrawn_at__isnull=True)
    memberships = list(active.only(*MEMBERSHIP_FIELDS))
    picked: dict[int, set[int]] = {}
    for membership_id, assessment_id in Membership.shared.through.objects.filter(
        membership__in=active
    ).values_list("membership_id", "assessment_id"):
        picked.setdefault(membership_id, set()).add(assessment_id)
    people = {
        pk: (name_of(first, last, email, username), email)
        for pk, first, last, email, username in get_user_model()
        .objects.filter(memberships__in=active)
        .values_list("pk", "first_name", "last_name", "email", "username")
    }
    assessments = list(
        Assessment.objects.filter(user__in=active.values("user_id"))
        .only("id", "user_id", "questionnaire_id", "created", "updated", "finished_at")
        .order_by("-created", "-id")
    )
    by_user: dict[int, list[Assessment]] = {}
    for assessment in assessments:
        by_user.setdefault(assessment.user_id, []).append(assessment)
    visible = {
        membership.pk: [
            assessment
            for assessment in by_user.get(membership.user_id, [])
            if access.shares(membership, assessment, picked=picked.get(membership.pk, ()))
        ]
        for membership in memberships
    }
    newest = [shown[0] for shown in visible.values() if shown]
    summaries = {row.assessment.pk: row for row in assessment_rows(newest)}
    roster = []
    for membership in memberships:
        shown = visible[membership.pk]
        started = next(
            (item for item in by_user.get(membership.user_id, []) if not item.is_finished), None
        )
        row = summaries[shown[0].pk] if shown else None
        status = DONE if row else IN_PROGRESS if started else NOT_STARTED
        name, email = people[membership.user_id]
        roster.append(RosterRow(membership, name, email, status, row, started))
    return roster


def summary(roster: Sequence[RosterRow]) -> group_summary.GroupSummary:
    return group_summary.summarize(
        [group_summary.MemberFacts(row.status, row.holland_code, row.top[:TOP]) for row in roster]
    )


def roster_csv_lines(group: CounselingGroup) -> Iterator[str]:
    """The group's CSV, line by line, everyone by name: the header goes out before the roster is
    read, and profiles are read CSV_CHUNK members at a time, so a download starts at once."""
    questionnaires = Questionnaire.objects.filter(
        assessments__user__memberships__in=group.memberships.filter(withdrawn_at__isnull=True),
        assessments__finished_at__isnull=False,
    ).distinct()
    trait_names = list(
        dict.fromkeys(
            trait.name
            for questionnaire in questionnaires.order_by("pk")
            for trait in matching.questionnaire_key(questionnaire, Assessment.Form.FULL)[0]
        )
    )
    yield roster_csv.header_line(trait_names)
    rows = roster_order.arrange(group_roster(group))
    for start in range(0, len(rows), CSV_CHUNK):
        chunk = rows[start : start + CSV_CHUNK]
        wanted = [row.shown.result.pk for row in chunk if row.shown and row.shown.result]
        profiles = dict(Result.objects.filter(pk__in=wanted).values_list("pk", "profile"))
        yield from roster_csv.member_lines(
            [_csv_member(row, profiles) for row in chunk], trait_names
        )


def _csv_member(row: RosterRow, profiles: dict[int, list]) -> roster_csv.CsvMember:
    result = row.shown.result if row.shown else None
    profile = profiles.get(result.pk) if result else None
    return roster_csv.CsvMember(
        name=row.name,
        email=row.email,
        status=row.status_label,
        finished=row.shown.assessment.finished_at if row.shown else None,
        holland_code=row.holland_code,
        traits={
            trait.get("name"): trait.get("percentage")
            for trait in (profile if isinstance(profile, list) else ())
            if isinstance(trait, dict)
        },
        top=row.top,
    )


def group_for_invite(code: str) -> CounselingGroup | None:
    return CounselingGroup.objects.select_related("counselor").filter(invite_code=code).first()


def my_active_membership(user: AbstractBaseUser, pk: int) -> Membership | None:
    return (
        Membership.objects.select_related("group__counselor")
        .filter(pk=pk, user=user, withdrawn_at__isnull=True)
        .first()
    )


def counselor_group(counselor: AbstractBaseUser, pk: int) -> CounselingGroup | None:
    return CounselingGroup.objects.filter(pk=pk, counselor=counselor).first()


def latest_results(assessments: Sequence[Assessment]) -> dict[int, Scored]:
    """Assessment id → its newest result's list facts."""
    newest = (
        Result.objects.filter(assessment=OuterRef("assessment"))
        .order_by("-created", "-id")
        .values("pk")[:1]
    )
    rows = (
        Result.objects.filter(assessment__in=[assessment.pk for assessment in assessments])
        .filter(pk=Subquery(newest))
        .values_list("assessment_id", "pk", "holland_code", "top")
    )
    return {assessment: Scored(pk, holland_code, top) for assessment, pk, holland_code, top in rows}


def assessment_rows(assessments: Sequence[Assessment]) -> list[AssessmentRow]:
    finished = [assessment for assessment in assessments if assessment.is_finished]
    # An empty list makes no query.
    results = latest_results(finished) if finished else {}
    occupations = catalog_occupations() if results else {}
    rows = []
    for assessment in assessments:
        result = results.get(assessment.pk)
        # A career removed from the catalog since is skipped.
        best = stored_best(result.top, count=TOP, known=occupations) if result else []
        top = tuple(TopCareer(code, occupations[code][0], fit) for code, fit in best)
        rows.append(AssessmentRow(assessment, result, top))
    return rows


def counselor_result(counselor: AbstractBaseUser, pk: int) -> Result | None:
    """The newest result of assessment `pk` if it is shared with this counselor now."""
    if not access.is_counselor(counselor):
        return None
    return (
        Result.objects.select_related(*RESULT_PAGE_RELATED)
        .filter(assessment__in=access.shared_with(counselor).filter(pk=pk))
        .order_by(*NEWEST_FIRST)
        .first()
    )


def sharing_memberships(counselor: AbstractBaseUser, assessment: Assessment) -> list[Membership]:
    """The counselor's groups through which this assessment's owner shares it."""
    memberships = (
        Membership.objects.filter(
            group__counselor=counselor, user_id=assessment.user_id, withdrawn_at__isnull=True
        )
        .select_related("group")
        .prefetch_related(Prefetch("shared", queryset=Assessment.objects.only("id")))
    )
    return [membership for membership in memberships if access.shares(membership, assessment)]


def my_notes(author: AbstractBaseUser, assessment: Assessment) -> list[CounselorNote]:
    return list(CounselorNote.objects.filter(author=author, assessment=assessment))


def my_note(author: AbstractBaseUser, pk: int) -> CounselorNote | None:
    """The author's note, while the result it is about is still shared with them."""
    note = CounselorNote.objects.select_related("assessment").filter(pk=pk, author=author).first()
    if note is None or not access.counselor_sees(author, note.assessment):
        return None
    return note
