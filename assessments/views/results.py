"""The results: the latest stored Result with filters and weight sliders in one GET form (with
htmx the career list, or for "show more" the next rows, is re-rendered in place), re-scoring by
POST, and the public "How we score" page.

A claimed assessment's results are shown to its owner, to staff and to counselors it is shared
with; only the owner (or, while unclaimed, the link's holder) gets the re-score and keep-the-link
controls. `render_results` also serves the counselor's view of a result.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from assessments import (
    access,
    browser,
    changes,
    confidence,
    queries,
    reasons,
    roster,
    scoring,
    services,
)
from assessments.forms import CurrentJobForm, JobSearchForm, ResultsFilterForm
from assessments.links import assessment_links
from assessments.models import Result
from assessments.results import (
    build_results,
    changes_since,
    latest_result,
    previous_result,
    versions_read_with,
    wage_areas,
)
from assessments.snapshot import stored_weights
from assessments.views.common import HtmxHttpRequest, not_found, problem, takeable
from careerfit.numbers import whole
from occupations import moves, outlook
from occupations.catalog import job_choices
from occupations.freshness import stamp_of
from occupations.outlook import format_change
from occupations.projections import all_occupations_change


@never_cache
@require_safe
def results(request: HtmxHttpRequest, token: str) -> HttpResponse:
    result = latest_result(token)
    if result is None:
        assessment = takeable(request, token)
        if assessment is None:
            return not_found(request)
        if not assessment.is_finished:
            return redirect("assessments:finish", token=token)
        # Finished before results were stored: nothing to show until it is scored.
        browser.remember(request.session, assessment)
        return render(
            request,
            "assessments/results.html",
            {"assessment": assessment, "links": assessment_links(token)},
        )
    assessment = result.assessment
    if not access.may_view_results(request.user, assessment):
        return not_found(request)
    owner = access.may_take(request.user, assessment)
    since = None
    if owner:
        browser.remember(request.session, assessment)
        if not request.htmx:
            previous = previous_result(
                result,
                user_id=request.user.pk if request.user.is_authenticated else None,
                tokens=browser.started_here(request.session),
            )
            since = None if previous is None else (previous, changes_since(previous, result))
    links = assessment_links(token)
    return render_results(
        request,
        result,
        template="assessments/results.html",
        results_url=links["results"],
        context={
            "token": token,
            "links": links,
            "shared_view": not owner,
            "own_url": request.build_absolute_uri(links["results"]),
            "since": since,
            "person": roster.display_name(assessment.user) if assessment.user else "",
            "moved_from": changes.MOVED_FROM,
            "top_count": changes.TOP,
        },
    )


def render_results(
    request: HtmxHttpRequest,
    result: Result,
    *,
    template: str,
    results_url: str,
    context: dict[str, object],
    status: int = 200,
) -> HttpResponse:
    """A result's page (`template`) or, for htmx, the part of results.html it asks for."""
    versions = versions_read_with(result)
    areas = wage_areas(stamp=stamp_of(*versions))
    form = ResultsFilterForm(request.GET, areas=areas, weights=stored_weights(result.weights))
    valid = form.is_valid()
    # htmx asks for the career list only (or, for "show more", the next rows), except when it
    # restores a page missing from its history. Only the list's own GETs are htmx: a form posted
    # to a result's page (a note) gets the whole page back.
    partial = (
        request.method == "GET" and bool(request.htmx) and not request.htmx.history_restore_request
    )
    target = (request.htmx.target or "careers") if partial else ""
    # Rows appended to the list cannot say what was wrong with a filter: the list can.
    more = target == "career-rows" and valid
    view = build_results(
        result, form.filters(), areas=areas, cumulative=not more, versions=versions
    )
    context = {
        **context,
        "assessment": result.assessment,
        "form": form,
        "view": view,
        "results_url": results_url,
        "cache_seconds": settings.CATALOG_CACHE_SECONDS,
        "query": request.GET.urlencode(),
    }
    if more:
        template = "assessments/results.html#more"
    elif target:
        template = "assessments/results.html#careers"
        context["oob_status"] = True
    else:
        context["quality"] = queries.finished_quality(result.assessment)
    response = render(request, template, context, status=status if valid else 400)
    if target == "career-rows" and not more:
        reswap(retarget(response, "#careers"), "innerHTML")
    # The same URL serves a full page and fragments; caches must keep them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@never_cache
@require_POST
def rescore(request: HtmxHttpRequest, token: str) -> HttpResponse:
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    if not assessment.is_finished:
        return redirect("assessments:finish", token=token)
    form = ResultsFilterForm(request.POST, areas=wage_areas(), weights=scoring.DEFAULT_WEIGHTS)
    form.is_valid()
    # Only the weights matter here; a bad filter is just not carried back to the results.
    if problems := form.weight_problems():
        return problem(
            request,
            assessment,
            status=400,
            title="Your results were not re-scored",
            message=" ".join(problems),
            back_url=reverse("assessments:results", args=[token]),
            back_text="Back to your results",
        )
    services.result_create(assessment=assessment, weights=form.weights() or scoring.DEFAULT_WEIGHTS)
    messages.success(request, "Your answers were scored again against the current career data.")
    url = reverse("assessments:results", args=[token])
    query = form.carried_query()
    return redirect(f"{url}?{query}" if query else url)


@require_safe
def how_we_score(request: HttpRequest) -> HttpResponse:
    # Read from the scoring module, so the page says what the code does.
    low, high = scoring.SLOPE_RANGE
    uppers = [100] + [lowest - 1 for lowest, _word, _meaning in scoring.BANDS[:-1]]
    method = {
        "version": scoring.SCORING_VERSION,
        "fit_half": f"{scoring.FIT_HALF:g}",
        "fit_steepness": f"{scoring.FIT_STEEPNESS:g}",
        "bands": [
            (word, lowest, upper, meaning)
            for (lowest, word, meaning), upper in zip(scoring.BANDS, uppers, strict=True)
        ],
        "examples": [
            (f"{distance:g}", whole(scoring.fit_from_distance(distance)))
            for distance in (5, 10, scoring.FIT_HALF, 25, 35)
        ],
        "level_share": f"{scoring.LEVEL_SHARE:g}",
        "slope_low": f"{low:g}",
        "slope_high": f"{high:g}",
        "excess_cost": f"{scoring.EXCESS_COST:g}",
        "flat_sd": f"{scoring.FLAT_SD:g}",
        "item_spread": f"{scoring.ITEM_SPREAD:g}",
        "prior_answers": scoring.PRIOR_ANSWERS,
        "draws": confidence.DRAWS,
        "range_share": whole(100 * confidence.RANGE_SHARE),
        "reasons": {
            name.lower(): getattr(reasons, name)
            for name in ("HIGH_FROM", "LOW_UNDER", "CLOSE_WITHIN", "GAP_FROM", "MUCH_FROM")
        },
        "weights": [
            (scoring.DOMAIN_LABELS[domain], whole(100 * scoring.DEFAULT_WEIGHTS.of(domain)))
            for domain in scoring.DOMAINS
        ],
    }
    average = all_occupations_change()
    outlook_rules = {
        "no_change_within": format_change(outlook.NO_CHANGE_WITHIN).lstrip("+"),
        "average_within": format_change(outlook.AVERAGE_WITHIN).lstrip("+"),
        "much_faster_from": format_change(outlook.MUCH_FASTER_FROM).lstrip("+"),
        "average": None if average is None else format_change(average),
        "bands": [] if average is None else outlook.bands(average),
    }
    move_rule = {
        name.lower(): f"{getattr(moves, name):g}"
        for name in ("IMPORTANT_FROM", "GAP_COST", "STEP_COST", "RELATED_BONUS", "LESS_FROM")
    }
    return render(
        request,
        "assessments/how_we_score.html",
        {"method": method, "outlook": outlook_rules, "moves": move_rule},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def current_job(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """ "I work as …": search (GET, live with htmx) and set or clear (POST) the current job."""
    assessment = takeable(request, token)
    if assessment is None:
        return not_found(request)
    if request.method == "POST":
        chosen = CurrentJobForm(request.POST)
        if chosen.is_valid():
            services.assessment_set_current_job(
                assessment=assessment, occupation=chosen.cleaned_data["code"]
            )
            job = chosen.cleaned_data["code"]
            messages.success(
                request, f"Your job is set: {job.title}." if job else "Your job was cleared."
            )
            return redirect(reverse("assessments:results", args=[token]) + "#current-job")
        search = JobSearchForm()
        status = 400
    else:
        chosen = CurrentJobForm()
        search = JobSearchForm(request.GET)
        status = 200 if search.is_valid() else 400
    q = getattr(search, "cleaned_data", {}).get("q", "")
    found, choices = job_choices(q)
    template = "assessments/current_job.html" + (
        "#choices" if request.htmx and not request.htmx.history_restore_request else ""
    )
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "token": token,
            "search": search,
            "chosen": chosen,
            "found": found,
            "choices": choices,
        },
        status=status,
    )
