"""Pages that are the same for every visitor who is not logged in, rendered once per process.

The home page has no data of its own, yet rendering its template took twice what Django needs
to answer a request at all. For a visitor who is not logged in and has no message waiting, such
a page depends on nothing but the CSRF token, so it is rendered once with a stand-in token and
every request gets a copy with its own token put in (made per request, with its cookie, as the
template tag would). Logged-in visitors and visitors with a message get the page rendered as
usual. Only for templates whose context is the same for everyone: nothing from the request,
the database or the clock.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render

# Random, so no template can hold it by accident.
_STAND_IN = f"csrf-{secrets.token_hex(16)}"
_RENDERED: dict[tuple[str, str], str] = {}


def render_same_for_all(
    request: HttpRequest, template: str, context: Mapping[str, object]
) -> HttpResponse:
    if settings.DEBUG or request.user.is_authenticated or len(get_messages(request)):
        return render(request, template, context)
    key = (template, request.path)
    html = _RENDERED.get(key)
    if html is None:
        page = render(request, template, {**context, "csrf_token": _STAND_IN})
        html = _RENDERED[key] = page.content.decode()
    return HttpResponse(html.replace(_STAND_IN, get_token(request)))


def forget_rendered() -> None:
    _RENDERED.clear()
