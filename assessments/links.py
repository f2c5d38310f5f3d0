"""The links of one assessment's own pages, made without reversing each one.

Reversing a URL costs Django about 20 µs, and a results page links to its assessment's pages
nine times. Each page's URL is reversed once per process with a stand-in token, and the real
token put in its place, quoted as `reverse` would quote it.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

TOKEN_PAGES = {
    "results": "assessments:results",
    "rescore": "assessments:rescore",
    "report": "assessments:report",
    "report_pdf": "assessments:report_pdf",
    "current_job": "assessments:current_job",
    "relink": "assessments:assessment_relink",
    "delete": "assessments:assessment_delete",
}
# Letters only, so reversing leaves it as it is, and no URL has it otherwise.
_STAND_IN = "StandInForTheToken"


def assessment_links(token: str) -> dict[str, str]:
    """Page name (a key of TOKEN_PAGES) → path, for the assessment with this token."""
    # As `reverse` quotes; a "/" (which `reverse` refuses for a token) is quoted too.
    quoted = quote(token, safe=RFC3986_SUBDELIMS + "~:@")
    return {key: path.replace(_STAND_IN, quoted) for key, path in _paths().items()}


@cache
def _paths() -> dict[str, str]:
    return {key: reverse(name, args=[_STAND_IN]) for key, name in TOKEN_PAGES.items()}
