"""A report to keep: one result's profile, top careers and method, as HTML and as PDF.

`build_report` gathers what the report shows (a fixed handful of queries); `pdf_of` turns the
rendered HTML into a PDF with WeasyPrint. The print view and the PDF are one template
(templates/reports/report.html), so they carry the same content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.staticfiles import finders

from assessments import confidence, scoring
from assessments.models import Result
from assessments.results import CareerRow, Filters, YourProfile, build_results, result_fits
from careerfit.numbers import whole
from occupations.models import DataRelease
from occupations.move_pages import MovesPage, moves_page
from occupations.profiles import newest_releases

CAREERS = 20
MOVES = 10
STYLESHEETS = ("css/report.css",)


@dataclass(frozen=True)
class Report:
    person: str  # a name, or "Anonymous"
    made: datetime
    result: Result
    profile: YourProfile
    careers: list[CareerRow]
    releases: list[DataRelease]
    weight_shares: list[tuple[str, int]]
    first_group: int  # careers at the top too close to call with the first
    # Career moves from the person's current job, when they set one.
    moves: MovesPage | None = None
    bands: tuple[tuple[int, str, str], ...] = scoring.BANDS
    range_share: int = whole(100 * confidence.RANGE_SHARE)

    @property
    def has_ranges(self) -> bool:
        return any(career.range is not None for career in self.careers)


def build_report(result: Result, *, person: str, made: datetime) -> Report:
    view = build_results(result, Filters())
    newest = newest_releases()
    releases = [newest[source] for source in DataRelease.Source.values if source in newest]
    careers = view.rows[:CAREERS]
    return Report(
        person=person or "Anonymous",
        made=made,
        result=result,
        profile=view.profile,
        careers=careers,
        releases=releases,
        weight_shares=view.weight_shares,
        first_group=min(view.first_group, len(careers)),
        moves=_moves(result),
    )


def _moves(result: Result) -> MovesPage | None:
    job = result.assessment.current_occupation
    if job is None:
        return None
    return moves_page(job, fits=result_fits(result), per_page=MOVES)


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict:
    # The report embeds its charts and styles; it must never fetch anything, least of all a URL
    # that came from data.
    raise ValueError(f"the report does not load {url}")


class PdfUnavailable(RuntimeError):
    """The system libraries WeasyPrint draws with (Pango) are missing on this server."""


def pdf_of(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the report needs.
    try:
        from weasyprint import CSS, HTML
    except OSError as error:
        raise PdfUnavailable(str(error)) from error

    styles = [CSS(filename=finders.find(name), url_fetcher=_no_fetching) for name in STYLESHEETS]
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(stylesheets=styles)
