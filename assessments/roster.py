"""What lists of assessments show: "My results", a counselor's roster, group summary and CSV.

Each function runs a fixed number of queries whatever the number of people or assessments:
the assessments, their latest results (one query with a subquery), and the titles of the
careers shown. Results are read without their per-domain distances, which lists never need.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from assessments import access, group_summary, roster_csv
from assessments.group_summary import DONE, IN_PROGRESS, NOT_STARTED, STATUS_LABELS
from assessments.models import Assessment, CounselingGroup, CounselorNote, Membership, Result
from assessments.top_careers import TopCareer, best_codes
from occupations.models import Occupation

TOP = 3


@dataclass(frozen=True)
class AssessmentRow:
    """One assessment with its latest result, as lists show it."""

    assessment: Assessment
    result: Result | None
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
    status: str
    shown: AssessmentRow | None  # the newest result shared with the counselor
    in_progress: Assessment | None

    @property
    def name(self) -> str:
        return display_name(self.membership.user)

    @property
    def email(self) -> str:
        return self.membership.user.email

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
    return user.get_full_name() or user.email or user.get_username()


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


def group_roster(group: CounselingGroup) -> list[RosterRow]:
    """Every active member with what the group's counselor may see of them."""
    memberships = list(
        Membership.objects.filter(group=group, withdrawn_at__isnull=True)
        .select_related("user")
        .prefetch_related(Prefetch("shared", queryset=Assessment.objects.only("id")))
    )
    assessments = list(
        Assessment.objects.filter(user__in=[membership.user_id for membership in memberships])
        .select_related("questionnaire")
        .order_by("-created", "-id")
    )
    by_user: dict[int, list[Assessment]] = {}
    for assessment in assessments:
        by_user.setdefault(assessment.user_id, []).append(assessment)
    visible = {
        membership.pk: [
            assessment
            for assessment in by_user.get(membership.user_id, [])
            if access.shares(membership, assessment)
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
        roster.append(RosterRow(membership, status, row, started))
    return roster


def summary(roster: Sequence[RosterRow]) -> group_summary.GroupSummary:
    return group_summary.summarize(
        [group_summary.MemberFacts(row.status, row.holland_code, row.top[:TOP]) for row in roster]
    )


def roster_as_csv(roster: Sequence[RosterRow]) -> str:
    trait_names: list[str] = []
    for row in roster:
        for trait in row.shown.result.profile if row.shown and row.shown.result else ():
            if trait.get("name") and trait["name"] not in trait_names:
                trait_names.append(trait["name"])
    members = [
        roster_csv.CsvMember(
            name=row.name,
            email=row.email,
            status=row.status_label,
            finished=row.shown.assessment.finished_at if row.shown else None,
            holland_code=row.holland_code,
            traits={
                trait.get("name"): trait.get("percentage")
                for trait in (row.shown.result.profile if row.shown and row.shown.result else ())
            },
            top=row.top,
        )
        for row in roster
    ]
    return roster_csv.roster_csv(members, trait_names)


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


def latest_results(assessments: Sequence[Assessment]) -> QuerySet[Result]:
    newest = (
        Result.objects.filter(assessment=OuterRef("assessment"))
        .order_by("-created", "-id")
        .values("pk")[:1]
    )
    return (
        Result.objects.filter(assessment__in=[assessment.pk for assessment in assessments])
        .filter(pk=Subquery(newest))
        .defer("squared")
    )


def assessment_rows(assessments: Sequence[Assessment]) -> list[AssessmentRow]:
    finished = [assessment for assessment in assessments if assessment.is_finished]
    # An empty list makes no query.
    results = {result.assessment_id: result for result in latest_results(finished)}
    candidates = {
        pk: best_codes(result.codes, result.fit, count=TOP * 4) for pk, result in results.items()
    }
    wanted = {code for best in candidates.values() for code, _fit in best}
    titles = dict(
        Occupation.objects.filter(code__in=wanted).values_list("code", "title") if wanted else ()
    )
    rows = []
    for assessment in assessments:
        result = results.get(assessment.pk)
        top = tuple(
            TopCareer(code, titles[code], fit)
            for code, fit in candidates.get(assessment.pk, [])
            if code in titles
        )[:TOP]
        rows.append(AssessmentRow(assessment, result, top))
    return rows


def counselor_result(counselor: AbstractBaseUser, pk: int) -> Result | None:
    """The newest result of assessment `pk` if it is shared with this counselor now."""
    if not access.is_counselor(counselor):
        return None
    return (
        Result.objects.select_related(
            "assessment__questionnaire", "assessment__user", "data_release"
        )
        .filter(assessment__in=access.shared_with(counselor).filter(pk=pk))
        .order_by("-created", "-id")
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
