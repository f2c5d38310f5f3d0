from __future__ import annotations

from functools import cache

from django.http import HttpRequest
from django.urls import reverse

# The links every page's header and footer show.
SITE_PAGES = {
    "home": "home",
    "careers": "career_list",
    "compare": "career_compare",
    "start": "assessments:start",
    "how_we_score": "assessments:how_we_score",
    "privacy": "assessments:privacy",
    "my_results": "assessments:my_results",
    "counselor": "assessments:counselor",
    "login": "login",
    "logout": "logout",
    "signup": "assessments:signup",
}


def site_urls(request: HttpRequest) -> dict[str, object]:
    # Reversing is a good part of a small page's time; these never change while a process runs.
    return {"site": _reversed()}


@cache
def _reversed() -> dict[str, str]:
    return {key: reverse(name) for key, name in SITE_PAGES.items()}
