from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_http_methods

from assessments.views import LoginView
from assessments.views.common import login_attempts_limited

# Django's form views also take PUT as a POST, and the login redirects a logged-in visitor
# whatever the method: the site's pages take GET, HEAD and POST only.
forms_only = require_http_methods(["GET", "HEAD", "POST"])

# Django's account views under their usual names (the password-reset emails reverse them);
# the login is ours, to rate-limit it and to claim the assessments started in this browser.
accounts = [
    path("login/", forms_only(login_attempts_limited(LoginView.as_view())), name="login"),
    path("logout/", forms_only(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password_change/",
        forms_only(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password_change/done/",
        forms_only(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "password_reset/", forms_only(auth_views.PasswordResetView.as_view()), name="password_reset"
    ),
    path(
        "password_reset/done/",
        forms_only(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        forms_only(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        forms_only(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    path("", include("occupations.urls")),
    path("", include("assessments.urls")),
]

handler400 = "assessments.views.bad_request"
