from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from assessments import career_moves as career_moves_for
from assessments.results import SESSION_TOKEN, occupation_fit
from careerfit.same_for_all import render_same_for_all
from occupations import catalog, holland, profiles
from occupations.forms import CatalogQueryForm, CompareForm, MovesForm, PlaceOrderForm
from occupations.freshness import catalog_stamp


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render_same_for_all(
        request,
        "occupations/home.html",
        # Built only when the cached content has to be rendered again.
        {"form": SimpleLazyObject(CatalogQueryForm), "holland_types": _holland_types},
    )


@require_safe
def career_list(request: HtmxHttpRequest) -> HttpResponse:
    form = CatalogQueryForm(request.GET)
    valid = form.is_valid()
    filters, page = form.filters(), request.GET.get("page", "")[:10]
    stamp = catalog_stamp()
    # Searched only when the cached list for this query and catalog stamp is missing.
    result = SimpleLazyObject(lambda: catalog.search_catalog(**filters, page=page, stamp=stamp))
    # htmx asks for the results only, except when it restores a page missing from its history.
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    template = "occupations/career_list.html" + ("#results" if partial else "")
    response = render(
        request,
        template,
        {
            "form": form,
            "result": result,
            "oob_status": partial,
            "stamp": stamp,
            "query": request.GET.urlencode(),
            "cache_seconds": settings.CATALOG_CACHE_SECONDS,
        },
        status=200 if valid else 400,
    )
    # The same URL serves a full page and a fragment; caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_safe
def career_detail(request: HttpRequest, code: str) -> HttpResponse:
    found = profiles.title_and_stamp(code)
    if found is None:
        raise Http404(f"No occupation has the code {code}.")
    title, stamp = found
    # Two or three queries more, and only for a browser that has taken the assessment.
    your_fit = occupation_fit(request.session.get(SESSION_TOKEN), code)
    places = PlaceOrderForm(request.GET)
    valid = places.is_valid()
    states_order, metros_order = places.orders()
    context = {
        "code": code,
        "title": title,
        # Loaded only when the page's cached fragments are missing or stale.
        "profile": SimpleLazyObject(lambda: profiles.load_profile(code)),
        "stamp": stamp,
        "cache_seconds": settings.CATALOG_CACHE_SECONDS,
        "your_fit": your_fit,
        "has_fit": your_fit is not None,
        # With a result, related careers carry the viewer's FIT, so they are not cached.
        "related": SimpleLazyObject(
            lambda: profiles.related_careers(code, fit_for=your_fit.fit_for) if your_fit else []
        ),
        "places": places,
        "states_order": states_order,
        "metros_order": metros_order,
    }
    return render(request, "occupations/career_detail.html", context, status=200 if valid else 400)


@require_safe
def career_by_soc(request: HttpRequest, soc_code: str) -> HttpResponse:
    code = profiles.first_code_for_soc(soc_code)
    if code is None:
        raise Http404(f"No occupation has the SOC code {soc_code}.")
    return redirect("career_detail", code=code)


def _holland_types() -> list[tuple[str, str, str]]:
    return [(letter, name, holland.BLURBS[letter]) for letter, name in holland.TYPES.items()]


def _whose(request: HttpRequest, form: MovesForm | CompareForm) -> career_moves_for.Whose:
    """Whose FIT a move page shows; a client id not shared with the viewer is a 404."""
    client = getattr(form, "cleaned_data", {}).get("client")
    try:
        return career_moves_for.whose(request.user, request.session.get(SESSION_TOKEN), client)
    except career_moves_for.NotShared:
        raise Http404("No such client.") from None


@require_safe
def career_moves(request: HttpRequest, code: str) -> HttpResponse:
    source = profiles.occupation_or_none(code)
    if source is None:
        raise Http404(f"No occupation has the code {code}.")
    form = MovesForm(request.GET)
    valid = form.is_valid()
    data = getattr(form, "cleaned_data", {})
    who = _whose(request, form)
    found = career_moves_for.moves_for(
        source, who=who, state=data.get("state"), page=str(data.get("page") or "")
    )
    return render(
        request,
        "occupations/moves.html",
        {"form": form, "moves": found, "who": who},
        status=200 if valid else 400,
    )


@require_safe
def career_move(request: HttpRequest, code: str, target: str) -> HttpResponse:
    source, goal = profiles.occupation_or_none(code), profiles.occupation_or_none(target)
    if source is None or goal is None:
        raise Http404("No occupation has that code.")
    form = MovesForm(request.GET)
    valid = form.is_valid()
    who = _whose(request, form)
    detail, fit = career_moves_for.move_for(source, goal, who=who)
    return render(
        request,
        "occupations/move.html",
        {"form": form, "detail": detail, "your_fit": fit, "who": who},
        status=200 if valid else 400,
    )


@require_safe
def career_compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET)
    valid = form.is_valid()
    who = _whose(request, form)
    careers = career_moves_for.compare_for(form.cleaned_data["c"], who=who) if valid else []
    return render(
        request,
        "occupations/compare.html",
        {"form": form, "careers": careers, "who": who},
        status=200 if valid else 400,
    )
