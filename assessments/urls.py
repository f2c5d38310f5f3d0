from __future__ import annotations

from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("assessment/start/", views.start, name="start"),
    path("how-we-score/", views.how_we_score, name="how_we_score"),
    # Any text is accepted as a token so malformed and unknown ones get the same 404 page.
    path("assessment/<str:token>/", views.resume, name="resume"),
    path("assessment/<str:token>/page/<int:number>/", views.page, name="page"),
    path("assessment/<str:token>/answer/", views.answer, name="answer"),
    path("assessment/<str:token>/finish/", views.finish, name="finish"),
    path("assessment/<str:token>/done/", views.done, name="done"),
    path("assessment/<str:token>/results/", views.results, name="results"),
    path("assessment/<str:token>/results/rescore/", views.rescore, name="rescore"),
    path("assessment/<str:token>/current-job/", views.current_job, name="current_job"),
    path("assessment/<str:token>/report/", views.seeker_report, name="report"),
    path(
        "assessment/<str:token>/report.pdf", views.seeker_report, {"pdf": True}, name="report_pdf"
    ),
    path("assessment/<str:token>/email/", views.email_link, name="email_link"),
    path("assessment/<str:token>/delete/", views.assessment_delete, name="assessment_delete"),
    path("assessment/<str:token>/new-link/", views.assessment_relink, name="assessment_relink"),
    # Accounts (Django's login, logout and password views are in careerfit/urls.py).
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/results/", views.my_results, name="my_results"),
    path("accounts/results/claim/", views.claim, name="claim"),
    path("accounts/export/", views.export, name="export"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    path("accounts/sharing/<int:pk>/", views.sharing, name="sharing"),
    path("accounts/sharing/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("privacy/", views.privacy, name="privacy"),
    path("join/<str:code>/", views.join, name="join"),
    # The counselor workspace.
    path("counselor/", views.dashboard, name="counselor"),
    path("counselor/groups/new/", views.group_create, name="group_create"),
    path("counselor/groups/<int:pk>/", views.group, name="counselor_group"),
    path("counselor/groups/<int:pk>/invite/", views.invite_rotate, name="invite_rotate"),
    path("counselor/groups/<int:pk>/roster.csv", views.roster_csv, name="roster_csv"),
    path("counselor/results/<int:pk>/", views.result, name="counselor_result"),
    path("counselor/results/<int:pk>/print/", views.counselor_report, name="result_print"),
    path(
        "counselor/results/<int:pk>/report.pdf",
        views.counselor_report,
        {"pdf": True},
        name="counselor_report_pdf",
    ),
    path("counselor/results/<int:pk>/notes/", views.note_add, name="note_add"),
    path("counselor/notes/<int:pk>/", views.note_edit, name="note_edit"),
]
