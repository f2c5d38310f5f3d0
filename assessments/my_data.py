"""Everything careerfit stores about one account, as the JSON the privacy page offers.

A counselor's file also holds their groups and the notes they wrote: those are their records.
Notes counselors wrote about a job seeker's results are the counselors' records, not the job
seeker's, and are not in the job seeker's file; the file says so.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Prefetch
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    CounselorNote,
    Membership,
    Result,
)
from assessments.roster import counselor_groups, display_name
from assessments.top_careers import stored_best
from occupations.models import Occupation

# How many ranked careers of each result the file lists.
CAREERS_PER_RESULT = 20
NOT_INCLUDED = (
    "Notes that counselors wrote about your results belong to those counselors and are not "
    "included. They are deleted when you delete the result or your account."
)


def my_data(user: AbstractBaseUser) -> dict[str, Any]:
    assessments = list(
        Assessment.objects.filter(user=user)
        .select_related("questionnaire", "current_occupation")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("item__section").order_by(
                    "item__section__position", "item__position", "item_id"
                ),
            ),
            Prefetch("results", queryset=Result.objects.defer("fit_packed").order_by("created")),
        )
        .order_by("created", "id")
    )
    best = {
        result.pk: stored_best(result.top)
        for assessment in assessments
        for result in assessment.results.all()
    }
    wanted = {code for pairs in best.values() for code, _fit in pairs}
    titles = dict(Occupation.objects.filter(code__in=wanted).values_list("code", "title"))
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("group__counselor")
        .prefetch_related("shared")
        .order_by("consented_at")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.get_full_name(),
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "assessments": [
            {
                "token": assessment.token,
                "form": assessment.form,
                "questionnaire_version": assessment.questionnaire.version,
                "started": assessment.created.isoformat(),
                "finished": assessment.finished_at.isoformat() if assessment.finished_at else None,
                "current_job": (
                    {
                        "code": assessment.current_occupation.code,
                        "title": assessment.current_occupation.title,
                    }
                    if assessment.current_occupation
                    else None
                ),
                "answers": [
                    {
                        "item": answer.item.key,
                        "statement": answer.item.text,
                        "answer": answer.value,
                        "answer_label": answer.label,
                        "answered_at": answer.answered_at.isoformat(),
                    }
                    for answer in assessment.answers.all()
                ],
                "results": [
                    {
                        "scored": result.created.isoformat(),
                        "scoring_version": result.scoring_version,
                        "holland_code": result.holland_code,
                        "weights": result.weights,
                        "profile": result.profile,
                        "top_careers": [
                            {"code": code, "title": titles[code], "fit": fit}
                            for code, fit in best[result.pk]
                            if code in titles
                        ][:CAREERS_PER_RESULT],
                    }
                    for result in assessment.results.all()
                ],
            }
            for assessment in assessments
        ],
        "sharing": [
            {
                "group": membership.group.name,
                "counselor": display_name(membership.group.counselor),
                "counselor_email": membership.group.counselor.email,
                "consented_at": membership.consented_at.isoformat(),
                "withdrawn_at": (
                    membership.withdrawn_at.isoformat() if membership.withdrawn_at else None
                ),
                "shares_all_results": membership.share_all,
                "shared_assessments": [shared.token for shared in membership.shared.all()],
            }
            for membership in memberships
        ],
        "counseling_groups": _groups(user),
        "notes_written": _notes(user),
        "not_included": NOT_INCLUDED,
    }


def _groups(counselor: AbstractBaseUser) -> list[dict[str, Any]]:
    # Members' own data is theirs: the counselor's file says only how many share.
    return [
        {
            "name": overview.group.name,
            "created": overview.group.created.isoformat(),
            "invite_link_created": overview.group.invite_created.isoformat(),
            "members_sharing": overview.members,
        }
        for overview in counselor_groups(counselor)
    ]


def _notes(author: AbstractBaseUser) -> list[dict[str, Any]]:
    notes = CounselorNote.objects.filter(author=author).select_related("assessment__user")
    return [
        {
            "about": display_name(note.assessment.user) if note.assessment.user else None,
            "assessment_finished": (
                note.assessment.finished_at.isoformat() if note.assessment.finished_at else None
            ),
            "text": note.text,
            "written": note.created.isoformat(),
            "updated": note.updated.isoformat(),
        }
        for note in notes.order_by("created", "id")
    ]
