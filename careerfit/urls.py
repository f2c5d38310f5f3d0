from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("occupations.urls")),
    path("", include("assessments.urls")),
]

handler400 = "assessments.views.bad_request"
