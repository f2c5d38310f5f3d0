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
    path("assessment/<str:token>/email/", views.email_link, name="email_link"),
]
