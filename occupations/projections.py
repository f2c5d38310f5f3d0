"""The job outlook of occupations, read from the imported Employment Projections.

`outlook_by_soc` gives the outlook of any number of SOC codes in one query (their candidate
matrix rows and the all-occupations row together); the browser's filter and sort run in SQL
through `with_outlook`, which repeats `projection_codes.match` as a subquery per candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Left

from occupations import projection_codes
from occupations.models import Projection
from occupations.outlook import Label, floors, label_for

# Past this many SOC codes, reading the whole table (about 1,100 rows) beats a long IN list.
WHOLE_TABLE_FROM = 250
SOC_CODE_LENGTH = 7


@dataclass(frozen=True)
class Outlook:
    projection: Projection
    label: Label | None
    # The change of "Total, all occupations" over the same years, which the label compares with.
    average_percent: Decimal | None
    # True when BLS projects the occupation only as part of this broader group.
    broader: bool

    @property
    def percent(self) -> Decimal | None:
        return self.projection.change_percent

    @property
    def openings(self) -> Decimal | None:
        """Average openings a year, in thousands."""
        return self.projection.openings

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every label, slowest growth first, for a scale that marks this one."""
        return tuple(Label)


def outlook_by_soc(soc_codes: Iterable[str]) -> dict[str, Outlook]:
    """SOC code → outlook, for the codes that have one; a single query."""
    wanted = {code for code in soc_codes if code}
    if not wanted:
        return {}
    rows = Projection.objects.all()
    if len(wanted) < WHOLE_TABLE_FROM:
        codes = {code for soc in wanted for code in projection_codes.candidate_codes(soc)}
        rows = rows.filter(code__in=codes | {Projection.TOTAL_CODE})
    by_code = {row.code: row for row in rows}
    total = by_code.get(Projection.TOTAL_CODE)
    average = None if total is None else total.change_percent
    outlooks = {}
    for soc in wanted:
        found = projection_codes.match(soc, by_code)
        if found is not None:
            row = by_code[found.code]
            outlooks[soc] = Outlook(
                projection=row,
                label=label_for(row.change_percent, average),
                average_percent=average,
                broader=found.broader,
            )
    return outlooks


def outlook_for_soc(soc_code: str) -> Outlook | None:
    return outlook_by_soc([soc_code]).get(soc_code)


def _matched_code() -> Coalesce:
    """SQL for projection_codes.match: the outer soc_code's first candidate code that exists."""
    soc = OuterRef("soc_code")
    lookups = [Subquery(Projection.objects.filter(code=soc).values("code")[:1])]
    for digits in projection_codes.BROADER_DIGITS:
        broader = Concat(Left(soc, SOC_CODE_LENGTH - digits), Value("0" * digits))
        lookups.append(Subquery(Projection.objects.filter(code=broader).values("code")[:1]))
    return Coalesce(*lookups, output_field=CharField())


def with_outlook(occupations: QuerySet) -> QuerySet:
    """Annotate occupations with `outlook_percent` and `outlook_openings` (NULL without one).

    For filtering and sorting: SQLite hands these back unrounded, so pages show the figures
    of `outlook_by_soc` instead.
    """
    matched = Projection.objects.filter(code=OuterRef("outlook_code"))
    return occupations.annotate(outlook_code=_matched_code()).annotate(
        outlook_percent=Subquery(matched.values("change_percent")[:1]),
        outlook_openings=Subquery(matched.values("openings")[:1]),
    )


def filter_by_outlook(occupations: QuerySet, at_least: Label) -> QuerySet:
    """Occupations whose outlook is `at_least` or better; one query for the average."""
    average = (
        Projection.objects.filter(code=Projection.TOTAL_CODE)
        .values_list("change_percent", flat=True)
        .first()
    )
    if average is None:
        # Without the projections (or their total row) no occupation has a label.
        return occupations.none()
    floor = floors(average)[at_least]
    if "outlook_percent" not in occupations.query.annotations:
        occupations = with_outlook(occupations)
    if floor is None:
        return occupations.filter(outlook_percent__isnull=False)
    return occupations.filter(outlook_percent__gte=floor)


def order_by_outlook(occupations: QuerySet, field: str) -> QuerySet:
    """Highest `outlook_percent` or `outlook_openings` first; occupations without one last."""
    if field not in occupations.query.annotations:
        occupations = with_outlook(occupations)
    return occupations.order_by(F(field).desc(nulls_last=True), "title", "code")


def all_occupations_change() -> Decimal | None:
    """The "Total, all occupations" percent change that outlook labels compare with."""
    return (
        Projection.objects.filter(code=Projection.TOTAL_CODE)
        .values_list("change_percent", flat=True)
        .first()
    )
