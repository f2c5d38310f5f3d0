"""Helpers every view module of the app shares: the typed request, 404 and problem pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from assessments import access, queries
from assessments.models import Assessment


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def takeable(request: HttpRequest, token: str) -> Assessment | None:
    """The assessment if this viewer may continue or change it; None as if it did not exist."""
    assessment = queries.assessment_for_token(token)
    if assessment is None or not access.may_take(request.user, assessment):
        return None
    return assessment


def problem(
    request: HtmxHttpRequest,
    assessment: Assessment | None,
    *,
    status: int,
    title: str,
    message: str,
    back_url: str = "",
    back_text: str = "",
) -> HttpResponse:
    if assessment and not back_url:
        back_url = reverse("assessments:resume", args=[assessment.token])
    template = "assessments/problem.html" + ("#message" if request.htmx else "")
    return render(
        request,
        template,
        {"title": title, "message": message, "back_url": back_url, "back_text": back_text},
        status=status,
    )


def not_found(request: HtmxHttpRequest) -> HttpResponse:
    # Malformed, unknown and not-yours tokens get the very same answer.
    return problem(
        request,
        None,
        status=404,
        title="We could not find that assessment",
        message=(
            "The link may be incomplete: check that you copied all of it, including the long "
            "code at the end. If you saved the assessment to an account, log in to open it. "
            "If it still does not work, you can start a new assessment."
        ),
    )
