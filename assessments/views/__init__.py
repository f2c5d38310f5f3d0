"""The app's views, one module per area; URLs refer to them through this package."""

from __future__ import annotations

from assessments.views.accounts import (
    LoginView,
    account_delete,
    assessment_delete,
    assessment_relink,
    claim,
    export,
    join,
    my_results,
    privacy,
    sharing,
    signup,
    withdraw,
)
from assessments.views.counselors import (
    dashboard,
    group,
    group_create,
    invite_rotate,
    note_add,
    note_edit,
    result,
    roster_csv,
)
from assessments.views.quiz import (
    answer,
    bad_request,
    done,
    email_link,
    finish,
    page,
    resume,
    start,
)
from assessments.views.reports import counselor_report, seeker_report
from assessments.views.results import current_job, how_we_score, rescore, results

__all__ = [
    "LoginView",
    "account_delete",
    "answer",
    "assessment_delete",
    "assessment_relink",
    "bad_request",
    "claim",
    "counselor_report",
    "current_job",
    "dashboard",
    "done",
    "email_link",
    "export",
    "finish",
    "group",
    "group_create",
    "how_we_score",
    "invite_rotate",
    "join",
    "my_results",
    "note_add",
    "note_edit",
    "page",
    "privacy",
    "rescore",
    "result",
    "results",
    "resume",
    "roster_csv",
    "seeker_report",
    "sharing",
    "signup",
    "start",
    "withdraw",
]
