"""The project's admin site: Django's, with failed logins limited like the site's own login."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from assessments.views.common import login_attempts_limited


class AdminSite(admin.AdminSite):
    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return login_attempts_limited(super().login)(request, extra_context)
