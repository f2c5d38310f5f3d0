"""Helpers every view module of the app shares: the typed request, 404, 429 and problem pages,
the `next` check and the login limit."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

from assessments import access, queries, ratelimit
from assessments.account_forms import LoginAttemptForm
from assessments.models import Assessment

# Longer `next` values are not links this site makes.
MAX_NEXT = 2000


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


def too_many(request: HtmxHttpRequest, *, limit: str, title: str, message: str) -> HttpResponse:
    """429 for a rate limit (assessments/ratelimit.py), saying how long to wait."""
    minutes = ratelimit.window_minutes(limit)
    return problem(
        request,
        None,
        status=429,
        title=title,
        message=f"{message} Please wait {minutes} minutes and try again.",
        back_url=reverse("home"),
        back_text="Go to the home page",
    )


def next_url(request: HttpRequest, fallback: str, *, under: str = "/") -> str:
    """Where the request's `next` asks to go, if that is a path of this site below `under`.

    The one check for every `next` of the site: it is used as a URL (never looked up as a view
    name), must be a plain path (no scheme, no other host, no control characters that would
    break the Location header), else the fallback.
    """
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if (
        len(wanted) <= MAX_NEXT
        and wanted.startswith(under)
        and wanted.startswith("/")
        and not wanted.startswith(("//", "/\\"))
        and not any(ord(character) < 32 or ord(character) == 127 for character in wanted)
        and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return wanted
    return fallback


def login_attempts_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Limit failed logins on a login view (the site's and the admin's).

    Failures count per account and client address together, and per client address. Never per
    account alone: then anyone who knows an email address could lock its owner out.
    """

    @wraps(view)
    def limited(request: HtmxHttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        attempt = LoginAttemptForm(request.POST)
        account = attempt.cleaned_data["username"] if attempt.is_valid() else ""
        address = ratelimit.client_address(request)
        pair = f"{account}\x1f{address}"
        # Counted before the password is checked, so attempts sent at once, to any worker,
        # cannot all slip under the limit; a successful one is taken back below.
        if ratelimit.hit("login", pair) | ratelimit.hit("login_address", address):
            return too_many(
                request,
                limit="login",
                title="Too many attempts to log in",
                message=(
                    "Too many failed attempts to log in were made from here. For your safety, "
                    "logging in from here is paused; you can also reset your password."
                ),
            )
        response = view(request, *args, **kwargs)
        if response.status_code in (301, 302, 303) and request.user.is_authenticated:
            ratelimit.clear("login", pair)
            ratelimit.take_back("login_address", address)
        return response

    return limited
