"""What the results pages show, read from a stored Result in a fixed number of queries.

`build_results(result, filters, areas=...)` runs, whatever the catalog size: the catalog version,
the occupations (code, title, job zone, Holland code, SOC code), the national wages, the chosen
state's wages when one is picked, and, for the explanations of the rows shown, the cached
occupation matrix (one version check). `wage_areas()` is one more, for the state picker. Filtering
and sorting happen in Python over the thousand or so stored rows.

`occupation_fit(token, code)` is the profile page's "your FIT" box: one query for the result and
the cached matrix's version check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from assessments import matching, snapshot
from assessments.models import Assessment, Result
from assessments.queries import TOKEN_PATTERN
from assessments.scoring import (
    DOMAIN_LABELS,
    DOMAINS,
    INTERESTS,
    RIASEC_ELEMENTS,
    WORK_STYLES,
    WORK_VALUES,
    OccupationMatrix,
    Reason,
    Weights,
    explain_many,
    rank,
)
from occupations import charts, holland
from occupations.freshness import catalog_stamp
from occupations.models import Area, CatalogVersion, Occupation, WageEstimate
from occupations.outlook import Label
from occupations.projections import Outlook, outlook_by_soc

# The session key of the assessment last started or opened in a browser, whose FIT the career
# pages show (see assessments.browser).
SESSION_TOKEN = "assessment_token"
PER_PAGE = 25
# A full page shows every page up to the one asked for ("show more" without JavaScript), so the
# explanations it computes are capped here.
MAX_PAGES = 40
WAGE_AREA_TYPES = (Area.Type.STATE, Area.Type.TERRITORY)


@dataclass(frozen=True)
class AreaOption:
    id: int
    code: str
    title: str


@dataclass(frozen=True)
class Filters:
    """A valid selection; the form leaves out what it could not read."""

    zones: frozenset[int] = frozenset()
    min_wage: int | None = None
    state: str = ""  # an AreaOption code
    holland: str = ""  # one RIASEC letter
    q: str = ""
    weights: Weights | None = None  # None: the weights the result was scored with
    page: int = 1
    outlook: Label | None = None  # at least this good
    sort: str = ""  # "", "growth" or "openings"

    @property
    def narrowed(self) -> bool:
        return bool(
            self.zones
            or self.min_wage is not None
            or self.holland
            or self.q
            or self.outlook is not None
        )


@dataclass(frozen=True)
class Component:
    domain: str
    label: str
    score: float | None


@dataclass(frozen=True)
class CareerRow:
    rank: int  # position in the filtered list
    code: str
    title: str
    job_zone: int | None
    holland_code: str
    fit: float | None
    components: tuple[Component, ...]
    wage: WageEstimate | None
    outlook: Outlook | None = None
    reason: Reason | None = None  # what raised the FIT most
    caveat: Reason | None = None  # what lowered it most


@dataclass(frozen=True)
class TraitBar:
    """One of the user's traits, in the shape the profile page's bar list reads."""

    name: str
    percentage: float
    level: None = None
    description: str = ""


@dataclass(frozen=True)
class ResultsView:
    result: Result
    filters: Filters
    weights: Weights
    rows: list[CareerRow]
    total: int  # careers left after the filters
    scored: int  # careers in the result
    first_rank: int
    page: int
    areas: list[AreaOption] = field(default_factory=list)
    state: AreaOption | None = None
    catalog_changed: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))

    @property
    def has_more(self) -> bool:
        return self.page < self.pages

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def next_count(self) -> int:
        return min(PER_PAGE, self.total - self.shown_until)

    @property
    def last_rank(self) -> int:
        return self.first_rank + len(self.rows) - 1

    @property
    def shown_until(self) -> int:
        return min(self.total, self.page * PER_PAGE)

    @property
    def weight_shares(self) -> list[tuple[str, int]]:
        """("Interests", 50) … in whole percentages of the normalised weights."""
        return [(DOMAIN_LABELS[domain], round(100 * self.weights.of(domain))) for domain in DOMAINS]

    @property
    def reweighted(self) -> bool:
        return not snapshot.same_weights(self.weights, snapshot.stored_weights(self.result.weights))

    @cached_property
    def profile(self) -> YourProfile:
        return your_profile(self.result)


@dataclass(frozen=True)
class YourProfile:
    holland_code: str
    interests: list[tuple[str, float]]  # RIASEC order
    work_styles: list[TraitBar]  # highest first
    work_values: list[TraitBar]
    unanswered: list[str]

    @property
    def holland_types(self) -> list[tuple[str, str]]:
        return holland.type_names(self.holland_code)

    @property
    def interest_chart(self) -> charts.BarChart | None:
        if not self.interests:
            return None
        return charts.horizontal_bars(
            self.interests, highlight=frozenset(name for _letter, name in self.holland_types)
        )


def your_profile(result: Result) -> YourProfile:
    by_domain: dict[str, list[tuple[str, float]]] = {domain: [] for domain in DOMAINS}
    unanswered = []
    rows = sorted(
        result.profile,
        key=lambda row: (
            RIASEC_ELEMENTS.index(row["element_id"])
            if row["element_id"] in RIASEC_ELEMENTS
            else len(RIASEC_ELEMENTS)
        ),
    )
    for row in rows:
        if row.get("percentage") is None:
            unanswered.append(row["name"])
        elif row.get("domain") in by_domain:
            by_domain[row["domain"]].append((row["name"], float(row["percentage"])))

    def bars(domain: str) -> list[TraitBar]:
        ordered = sorted(by_domain[domain], key=lambda pair: (-pair[1], pair[0]))
        return [TraitBar(name, charts.clamp_percentage(value)) for name, value in ordered]

    return YourProfile(
        holland_code=result.holland_code,
        interests=by_domain[INTERESTS],
        work_styles=bars(WORK_STYLES),
        work_values=bars(WORK_VALUES),
        unanswered=unanswered,
    )


def latest_result(token: str) -> Result | None:
    """The newest result of the finished assessment with this token, with its assessment."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    return (
        Result.objects.select_related("assessment__questionnaire", "data_release")
        .filter(assessment__token=token, assessment__finished_at__isnull=False)
        .order_by("-created", "-id")
        .first()
    )


def wage_areas() -> list[AreaOption]:
    """States, then territories, for the state picker."""
    return [
        AreaOption(id=pk, code=code, title=title)
        for pk, code, title in Area.objects.filter(area_type__in=WAGE_AREA_TYPES)
        .order_by("area_type", "title")
        .values_list("id", "code", "title")
    ]


def build_results(
    result: Result,
    filters: Filters,
    *,
    areas: Sequence[AreaOption] = (),
    cumulative: bool = True,
) -> ResultsView:
    """The careers of one page of results under the filters and weights asked for.

    `cumulative`: every row up to the page (a full page); else that page's rows only (the
    "show more" fragment).
    """
    stored = snapshot.stored_weights(result.weights)
    standing = snapshot.standing(
        fit=result.fit,
        squared=result.squared,
        scored_with=stored,
        weights=stored if filters.weights is None else filters.weights,
    )
    catalog_changed = result.catalog_version != CatalogVersion.current()
    state = next((area for area in areas if area.code == filters.state), None)
    occupations, wages, outlooks = _catalog_rows(state)
    matching_rows = []
    for position in standing.order:
        code = result.codes[position]
        found = occupations.get(code)
        if found is None:
            # Removed from the catalog since this result was scored.
            continue
        title, zone, holland_code, soc_code = found
        wage = wages.get(soc_code)
        outlook = outlooks.get(soc_code)
        if _keeps(filters, title=title, zone=zone, holland_code=holland_code, wage=wage) and (
            filters.outlook is None
            or (
                outlook is not None
                and outlook.label is not None
                and outlook.label >= filters.outlook
            )
        ):
            matching_rows.append((int(position), code, title, zone, holland_code, wage, outlook))
    if filters.sort in SORT_KEYS:
        # Stable: equal growth or openings keep their FIT order; no outlook goes last.
        matching_rows.sort(key=lambda row: SORT_KEYS[filters.sort](row[-1]))

    total = len(matching_rows)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, filters.page), pages)
    if cumulative:
        page = min(page, MAX_PAGES)
    start = 0 if cumulative else (page - 1) * PER_PAGE
    shown = matching_rows[start : page * PER_PAGE]
    reasons = _reasons(result, standing.weights, [code for _p, code, *_rest in shown])
    rows = [
        CareerRow(
            rank=start + offset + 1,
            code=code,
            title=title,
            job_zone=zone,
            holland_code=holland_code,
            fit=_score(standing.fit[position]),
            components=tuple(
                Component(domain, DOMAIN_LABELS[domain], _score(scores[position]))
                for domain, scores in standing.components.items()
            ),
            wage=wage,
            outlook=outlook,
            reason=reasons.get(code, (None, None))[0],
            caveat=reasons.get(code, (None, None))[1],
        )
        for offset, (position, code, title, zone, holland_code, wage, outlook) in enumerate(shown)
    ]
    return ResultsView(
        result=result,
        filters=filters,
        weights=standing.weights,
        rows=rows,
        total=total,
        scored=len(result.codes),
        first_rank=start + 1,
        page=page,
        areas=list(areas),
        state=state,
        catalog_changed=catalog_changed,
    )


def _by_growth(outlook: Outlook | None) -> tuple[bool, float]:
    percent = None if outlook is None else outlook.percent
    return (percent is None, -float(percent or 0))


def _by_openings(outlook: Outlook | None) -> tuple[bool, float]:
    openings = None if outlook is None else outlook.openings
    return (openings is None, -float(openings or 0))


SORT_KEYS = {"growth": _by_growth, "openings": _by_openings}


def _keeps(
    filters: Filters, *, title: str, zone: int | None, holland_code: str, wage: WageEstimate | None
) -> bool:
    if filters.zones and zone not in filters.zones:
        return False
    # The career browser's rule: the letter is the occupation's strongest interest.
    if filters.holland and not holland_code.startswith(filters.holland):
        return False
    if filters.q and filters.q.casefold() not in title.casefold():
        return False
    if filters.min_wage is not None:
        if wage is None:
            return False
        # A top-coded median is only known to be at least the top code: it is kept.
        if wage.is_top_coded("annual_median"):
            return True
        if wage.annual_median is None or wage.annual_median < filters.min_wage:
            return False
    return True


# What the results pages read about every occupation depends on the catalog only: read once per
# process, catalog stamp and state, and shared (read-only) by every request.
_CATALOG_ROWS: dict[tuple[str, int | None], tuple[dict, dict, dict]] = {}
CATALOG_ROWS_KEPT = 60


def _catalog_rows(state: AreaOption | None) -> tuple[dict, dict, dict]:
    key = (catalog_stamp(), state.id if state else None)
    found = _CATALOG_ROWS.get(key)
    if found is None:
        if len(_CATALOG_ROWS) >= CATALOG_ROWS_KEPT:
            _CATALOG_ROWS.clear()
        occupations = {
            code: (title, zone, holland_code, soc_code)
            for code, title, zone, holland_code, soc_code in Occupation.objects.values_list(
                "code", "title", "job_zone_id", "holland_code", "soc_code"
            )
        }
        outlooks = outlook_by_soc(soc for _t, _z, _h, soc in occupations.values())
        found = _CATALOG_ROWS[key] = (occupations, _wages(state), outlooks)
    return found


def clear_caches() -> None:
    _CATALOG_ROWS.clear()


def _wages(state: AreaOption | None) -> dict[str, WageEstimate]:
    rows = WageEstimate.objects.only(
        "soc_code", "annual_median", "hourly_median", "employment", "top_coded"
    )
    if state is None:
        rows = rows.filter(area__area_type=Area.Type.NATION)
    else:
        rows = rows.filter(area_id=state.id)
    return {row.soc_code: row for row in rows}


def _reasons(
    result: Result, weights: Weights, codes: Sequence[str]
) -> dict[str, tuple[Reason | None, Reason | None]]:
    """The top raising and lowering trait of each code, against the current catalog."""
    if not codes or not result.profile:
        return {}
    profile = snapshot.profile_from_rows(result.profile, holland_code=result.holland_code)
    matrix = matching.occupation_matrix(snapshot.traits_of(result.profile))
    row_of = _rows_of(matrix)
    wanted = [code for code in codes if code in row_of]
    if not wanted:
        return {}
    ranking = rank(profile, matrix, weights)
    explained = explain_many(ranking, matrix, [row_of[code] for code in wanted], limit=1)
    return {
        code: (raised[0] if raised else None, lowered[0] if lowered else None)
        for code, (raised, lowered) in zip(wanted, explained, strict=True)
    }


def _rows_of(matrix: OccupationMatrix) -> dict[str, int]:
    return {code: row for row, code in enumerate(matrix.codes)}


def _score(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


# The profile page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraitComparison:
    name: str
    yours: float | None
    job: float | None


@dataclass(frozen=True)
class DomainComparison:
    domain: str
    label: str
    traits: list[TraitComparison]


@dataclass(frozen=True)
class OccupationFit:
    """The viewer's FIT for one occupation, and their traits next to the job's."""

    assessment: Assessment
    fit: float | None
    rank: int | None  # among the careers of the result, under its weights
    scored: int
    components: tuple[Component, ...]
    comparisons: list[DomainComparison]
    raised: list[Reason]
    lowered: list[Reason]


def occupation_fit(token: str | None, code: str) -> OccupationFit | None:
    """None unless the token is a finished assessment's with a result this session may see.

    `token` is the session's SESSION_TOKEN: a claimed assessment's is "token:owner id"
    (assessments.browser), which only its owner's session holds.
    """
    token, _, owner = (token or "").partition(":")
    result = latest_result(token)
    if result is None:
        return None
    if result.assessment.user_id is not None and owner != str(result.assessment.user_id):
        return None
    stored = snapshot.stored_weights(result.weights)
    standing = snapshot.standing(
        fit=result.fit, squared=result.squared, scored_with=stored, weights=stored
    )
    position = result.codes.index(code) if code in result.codes else None
    fit = None if position is None else _score(standing.fit[position])
    comparisons: list[DomainComparison] = []
    raised: list[Reason] = []
    lowered: list[Reason] = []
    if result.profile:
        traits = snapshot.traits_of(result.profile)
        matrix = matching.occupation_matrix(traits)
        row = _rows_of(matrix).get(code)
        yours = {trait["element_id"]: trait["percentage"] for trait in result.profile}
        for domain in DOMAINS:
            shown = [
                TraitComparison(
                    name=trait.name,
                    yours=yours.get(trait.element_id),
                    job=None if row is None else _score(matrix.values[row, column]),
                )
                for column, trait in enumerate(matrix.traits)
                if trait.domain == domain
            ]
            if domain != INTERESTS:
                # What the job asks for most comes first; interests keep the RIASEC order.
                shown.sort(key=lambda item: (item.job is None, -(item.job or 0), item.name))
            if shown:
                comparisons.append(DomainComparison(domain, DOMAIN_LABELS[domain], shown))
        if row is not None:
            profile = snapshot.profile_from_rows(result.profile, holland_code=result.holland_code)
            raised, lowered = explain_many(rank(profile, matrix, stored), matrix, [row])[0]
    return OccupationFit(
        assessment=result.assessment,
        fit=fit,
        rank=None if fit is None else int(np.nonzero(standing.order == position)[0][0]) + 1,
        scored=len(result.codes),
        components=tuple(
            Component(
                domain,
                DOMAIN_LABELS[domain],
                None if position is None else _score(scores[position]),
            )
            for domain, scores in standing.components.items()
        ),
        comparisons=comparisons,
        raised=raised,
        lowered=lowered,
    )
