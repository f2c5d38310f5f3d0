from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from assessments.results import SESSION_TOKEN, occupation_fit
from occupations import catalog, holland, profiles
from occupations.forms import CatalogQueryForm


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "occupations/home.html",
        {"form": CatalogQueryForm(), "holland_types": _holland_types()},
    )


@require_safe
def career_list(request: HtmxHttpRequest) -> HttpResponse:
    form = CatalogQueryForm(request.GET)
    valid = form.is_valid()
    result = catalog.search_catalog(**form.filters(), page=request.GET.get("page", "")[:10])
    # htmx asks for the results only, except when it restores a page missing from its history.
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    template = "occupations/career_list.html" + ("#results" if partial else "")
    response = render(
        request,
        template,
        {"form": form, "result": result, "oob_status": partial},
        status=200 if valid else 400,
    )
    # The same URL serves a full page and a fragment; caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_safe
def career_detail(request: HttpRequest, code: str) -> HttpResponse:
    profile = profiles.load_profile(code)
    if profile is None:
        raise Http404(f"No occupation has the code {code}.")
    # Two or three queries more, and only for a browser that has taken the assessment.
    your_fit = occupation_fit(request.session.get(SESSION_TOKEN), code)
    return render(
        request, "occupations/career_detail.html", {"profile": profile, "your_fit": your_fit}
    )


@require_safe
def career_by_soc(request: HttpRequest, soc_code: str) -> HttpResponse:
    code = profiles.first_code_for_soc(soc_code)
    if code is None:
        raise Http404(f"No occupation has the SOC code {soc_code}.")
    return redirect("career_detail", code=code)


def _holland_types() -> list[tuple[str, str, str]]:
    return [(letter, name, holland.BLURBS[letter]) for letter, name in holland.TYPES.items()]
