"""The report to keep: a print view and a PDF of one result, for its owner and for counselors."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from assessments import access, ratelimit, report, roster
from assessments.models import Result
from assessments.results import latest_result
from assessments.views.common import HtmxHttpRequest, not_found, problem
from assessments.views.counselors import counselor_required, shared_result


@never_cache
@require_safe
def seeker_report(request: HtmxHttpRequest, token: str, pdf: bool = False) -> HttpResponse:
    result = latest_result(token)
    if result is None or not access.may_view_results(request.user, result.assessment):
        return not_found(request)
    return _report(
        request,
        result,
        back_url=reverse("assessments:results", args=[token]),
        print_url=reverse("assessments:report", args=[token]),
        pdf_url=reverse("assessments:report_pdf", args=[token]),
        pdf=pdf,
    )


@never_cache
@require_safe
@counselor_required
def counselor_report(request: HtmxHttpRequest, pk: int, pdf: bool = False) -> HttpResponse:
    result = shared_result(request, pk)
    return _report(
        request,
        result,
        back_url=reverse("assessments:counselor_result", args=[pk]),
        print_url=reverse("assessments:result_print", args=[pk]),
        pdf_url=reverse("assessments:counselor_report_pdf", args=[pk]),
        pdf=pdf,
        notes=roster.my_notes(request.user, result.assessment),
    )


def _report(
    request: HtmxHttpRequest,
    result: Result,
    *,
    back_url: str,
    print_url: str,
    pdf_url: str,
    pdf: bool,
    notes: object = (),
) -> HttpResponse:
    owner = result.assessment.user
    made = timezone.localtime()
    built = report.build_report(
        result, person=roster.display_name(owner) if owner else "", made=made
    )
    context = {
        "report": built,
        "pdf": pdf,
        "back_url": back_url,
        "pdf_url": pdf_url,
        "notes": notes,
    }
    if not pdf:
        return render(request, "reports/report.html", context)
    # A PDF costs a server a good part of a second: a few a minute per client is plenty.
    if ratelimit.hit("report", ratelimit.client_address(request)):
        return problem(
            request,
            result.assessment,
            status=429,
            title="Too many reports at once",
            message=(
                "This address has asked for many PDF reports in a short time. Please try again "
                f"in {ratelimit.window_minutes('report')} minutes; the print view works meanwhile."
            ),
            back_url=back_url,
            back_text="Back to the results",
        )
    try:
        body = report.pdf_of(render_to_string("reports/report.html", context, request))
    except report.PdfUnavailable:
        return problem(
            request,
            result.assessment,
            status=503,
            title="PDF reports are not available on this server",
            message="The printable report has the same content: open it and print or save it.",
            back_url=print_url,
            back_text="Open the printable report",
        )
    response = HttpResponse(body, content_type="application/pdf")
    name = f"careerfit-report-{made:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
