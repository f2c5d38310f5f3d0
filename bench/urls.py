"""The site's URLs and one more, only in the benchmark: a bare view through the same stack."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from careerfit.urls import handler400  # noqa: F401
from careerfit.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site]
