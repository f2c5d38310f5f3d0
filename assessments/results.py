"""What the results pages show, read from a stored Result in a fixed number of queries.

`build_results(result, filters, areas=...)` runs one query, the catalog stamp, whatever the
catalog size; what depends on the catalog only (the occupations' code, title, job zone, Holland
code and SOC code, the national or a state's wages, outlooks, the scoring matrix, the states for
the picker) is read once per process and stamp. The stored FIT is unpacked, the profile ranked
again against today's matrix for part scores, other weights and the "why" lines (about a
millisecond), and filtering and sorting happen in Python over the thousand or so careers.

`occupation_fit(token, code)` is the profile page's "your FIT" box: one query for the result and
the cached matrix's version check.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.db.models import IntegerField, Q
from django.db.models.expressions import RawSQL

from assessments import changes, confidence, matching, snapshot
from assessments.confidence import FitRange
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
    Ranking,
    Reason,
    Weights,
    explain_many,
    rank,
)
from careerfit.compiled import Compiled
from careerfit.numbers import whole
from occupations import charts, holland
from occupations.freshness import catalog_stamp, catalog_versions, stamp_columns, stamp_of
from occupations.models import AiExposure, Area, Occupation, WageEstimate
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
    ai: int | None = None  # AI exposure at most this many out of 100
    sort: str = ""  # "", "growth", "openings", "ai_low" or "ai_high"

    @property
    def narrowed(self) -> bool:
        return bool(
            self.zones
            or self.min_wage is not None
            or self.holland
            or self.q
            or self.outlook is not None
            or self.ai is not None
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
    ai_score: int | None = None  # AI exposure out of 100; None when not rated
    # The reasons and ranges of the page, worked out when first read: a page whose rows come
    # from the cache never needs them.
    details: Details | None = field(default=None, repr=False, compare=False)

    @property
    def reason(self) -> Reason | None:
        """What raised the FIT most."""
        return self.details.reasons.get(self.code, (None, None))[0] if self.details else None

    @property
    def caveat(self) -> Reason | None:
        """What lowered it most."""
        return self.details.reasons.get(self.code, (None, None))[1] if self.details else None

    @property
    def range(self) -> FitRange | None:
        """Where a retest would likely land."""
        return self.details.ranges[self.rank - 1] if self.details else None

    @property
    def close_to(self) -> int | None:
        """The rank of the career above it that it is too close to call with."""
        leader = self.details.leaders[self.rank - 1] if self.details else None
        return None if leader is None else leader + 1


class Details:
    """Reasons for the rows of a page, and ranges from the top of the list down to them (a
    career's group can start on an earlier page)."""

    def __init__(
        self, today: _Today | None, shown: Sequence[str], listed: Sequence[str], *, seed: int
    ) -> None:
        self._today, self._shown, self._listed, self._seed = today, shown, listed, seed

    @cached_property
    def reasons(self) -> dict[str, tuple[Reason | None, Reason | None]]:
        return _reasons(self._today, self._shown)

    @cached_property
    def ranges(self) -> list[FitRange | None]:
        return _ranges(self._today, self._listed, seed=self._seed)

    @cached_property
    def leaders(self) -> list[int | None]:
        return confidence.close_calls(self.ranges)


@dataclass(frozen=True)
class TraitBar:
    """One of the user's traits, in the shape the profile page's bar list reads."""

    name: str
    percentage: float
    level: None = None
    description: str = ""


class LazyRows(Sequence[CareerRow]):
    """A page's rows, made when first read: a page whose rows come from the cache only asks how
    many there are and which careers they are."""

    def __init__(self, codes: list[str], make: Callable[[], list[CareerRow]]) -> None:
        self.codes = codes
        self._make = make
        self._rows: list[CareerRow] | None = None

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: int | slice) -> CareerRow | list[CareerRow]:  # type: ignore[override]
        # A template's "rows.0" tries the string first: refuse it before making the rows, so
        # an error while making them is never mistaken for that miss.
        if not isinstance(index, int | slice):
            raise TypeError("row indexes are numbers")
        if self._rows is None:
            self._rows = self._make()
        return self._rows[index]


@dataclass(frozen=True)
class ResultsView:
    result: Result
    filters: Filters
    weights: Weights
    rows: LazyRows
    total: int  # careers left after the filters
    scored: int  # careers in the result
    first_rank: int
    page: int
    areas: list[AreaOption] = field(default_factory=list)
    state: AreaOption | None = None
    component_labels: tuple[str, ...] = ()  # the part scores' column headings
    catalog_changed: bool = False
    stamp: str = ""  # of the catalog the page was worked out from (occupations.freshness)

    @property
    def compare_query(self) -> str:
        """c=…&c=… for the comparison page: the current job (when set) and the best careers
        shown, four in all."""
        current = self.result.assessment.current_occupation_id
        codes = [current] if current else []
        codes += [code for code in self.rows.codes if code != current][: 4 - len(codes)]
        return "&".join(f"c={code}" for code in codes)

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
        return [(DOMAIN_LABELS[domain], whole(100 * self.weights.of(domain))) for domain in DOMAINS]

    @property
    def cache_key(self) -> str:
        """What the rows shown depend on: the result, the catalog, the filters and the page."""
        shown = (self.filters, self.first_rank, self.page, len(self.rows))
        digest = hashlib.md5(repr(shown).encode(), usedforsecurity=False).hexdigest()
        return f"{self.result.pk}.{self.stamp}.{digest}"

    @property
    def first_group(self) -> int:
        """How many careers at the top are too close to call with the first (0: no ranges)."""
        if not self.rows or self.rows[0].rank != 1 or self.rows[0].range is None:
            return 0
        return 1 + sum(1 for row in self.rows if row.close_to == 1)

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
    def holland_tied(self) -> holland.TiedCode:
        return holland.tied_code(holland.by_letter(self.interests))

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
    """The newest result of the finished assessment with this token, with its assessment and
    the catalog's versions at that moment (`versions_read_with`)."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    found = _LATEST_BY_TOKEN(token)
    return found[0] if found else None


def versions_read_with(result: Result) -> tuple[int, int]:
    """The catalog's (version, newest release) as `latest_result` read them with `result`, or
    read now for a result that came another way."""
    if not hasattr(result, "catalog_counter"):
        return catalog_versions()
    return result.catalog_counter or 0, result.newest_release or 0


# What a result's page shows besides the result: read with it in one query.
RESULT_PAGE_RELATED = (
    "assessment__questionnaire",
    "assessment__user",
    "assessment__current_occupation",
    "data_release",
)
NEWEST_FIRST = ("-created", "-id")
# Every results page, report and career page with "your FIT" starts here.
_LATEST_BY_TOKEN = Compiled(
    Result,
    lambda token: (
        Result.objects.select_related(*RESULT_PAGE_RELATED)
        .annotate(
            # The stamp in the same query: the page needs it next.
            catalog_counter=RawSQL(stamp_columns()[0], (), output_field=IntegerField()),
            newest_release=RawSQL(stamp_columns()[1], (), output_field=IntegerField()),
        )
        .filter(assessment__token=token, assessment__finished_at__isnull=False)
        .order_by(*NEWEST_FIRST)[:1]
    ),
    arity=1,
)


def previous_result(
    result: Result, *, user_id: int | None, tokens: Sequence[str] = ()
) -> Result | None:
    """The newest result of this person's assessment finished before `result`'s: theirs by
    account, or one this browser started (`tokens`). One query; None when there is none."""
    finished = result.assessment.finished_at
    if finished is None or (user_id is None and not tokens):
        return None
    mine = Q(assessment__user_id=user_id) if user_id is not None else Q()
    if tokens:
        started = Q(assessment__token__in=list(tokens), assessment__user__isnull=True)
        mine = mine | started if user_id is not None else started
    return (
        Result.objects.filter(mine, assessment__finished_at__lt=finished)
        .exclude(assessment_id=result.assessment_id)
        .order_by("-assessment__finished_at", "-created", "-id")
        .select_related("assessment")
        .first()
    )


def changes_since(previous: Result, result: Result) -> changes.Changes:
    titles = {code: row[0] for code, row in catalog_occupations().items()}
    return changes.compare(
        before_profile=previous.profile,
        now_profile=result.profile,
        before_code=previous.holland_code,
        now_code=result.holland_code,
        before_top=previous.top,
        now_top=result.top,
        titles=titles,
    )


def wage_areas(*, stamp: str = "") -> list[AreaOption]:
    """States, then territories, for the state picker; read once per catalog stamp when the
    caller gives it."""
    found = _AREAS.get(stamp) if stamp else None
    if found is None:
        found = [
            AreaOption(id=pk, code=code, title=title)
            for pk, code, title in Area.objects.filter(area_type__in=WAGE_AREA_TYPES)
            .order_by("area_type", "title")
            .values_list("id", "code", "title")
        ]
        if stamp:
            _AREAS.clear()
            _AREAS[stamp] = found
    return list(found)


_AREAS: dict[str, list[AreaOption]] = {}


def build_results(
    result: Result,
    filters: Filters,
    *,
    areas: Sequence[AreaOption] = (),
    cumulative: bool = True,
    versions: tuple[int, int] | None = None,
) -> ResultsView:
    """The careers of one page of results under the filters and weights asked for.

    `cumulative`: every row up to the page (a full page); else that page's rows only (the
    "show more" fragment). `versions`: the catalog's (occupations.freshness), when the caller
    has just read them.
    """
    version, newest = versions or catalog_versions()
    stored = snapshot.stored_weights(result.weights)
    weights = stored if filters.weights is None else filters.weights
    today, standing = _ranked_today(result, stored, weights, version)
    state = next((area for area in areas if area.code == filters.state), None)
    stamp = stamp_of(version, newest)
    occupations, wages, outlooks = _catalog_rows(state, stamp=stamp)
    codes = result.codes
    exposure = ai_scores(stamp)
    if filters.narrowed or filters.sort in SORT_KEYS or filters.sort in AI_SORTS:
        kept = _matching(filters, standing.order, codes, occupations, wages, outlooks, exposure)
    else:
        # The common case, every career still in the catalog in FIT order, without a loop.
        here = _in_catalog(result.career_codes_id, codes, occupations, stamp)
        kept = standing.order[here[standing.order]].tolist()
    total = len(kept)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, filters.page), pages)
    if cumulative:
        page = min(page, MAX_PAGES)
    start = 0 if cumulative else (page - 1) * PER_PAGE
    positions = kept[start : page * PER_PAGE]
    shown = [codes[position] for position in positions]
    details = Details(
        today,
        shown,
        [codes[position] for position in kept[: page * PER_PAGE]],
        seed=result.pk or 0,
    )

    def rows() -> list[CareerRow]:
        made = []
        for offset, position in enumerate(positions):
            code = codes[position]
            title, zone, holland_code, soc_code = occupations[code]
            made.append(
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
                    wage=wages.get(soc_code),
                    outlook=outlooks.get(soc_code),
                    ai_score=exposure.get(code),
                    details=details,
                )
            )
        return made

    return ResultsView(
        result=result,
        filters=filters,
        weights=standing.weights,
        rows=LazyRows(shown, rows),
        total=total,
        scored=len(codes),
        first_rank=start + 1,
        page=page,
        areas=list(areas),
        state=state,
        component_labels=tuple(DOMAIN_LABELS[domain] for domain in standing.components),
        catalog_changed=result.catalog_version != version,
        stamp=stamp,
    )


def _matching(
    filters: Filters,
    order: np.ndarray,
    codes: Sequence[str],
    occupations: dict,
    wages: dict,
    outlooks: dict,
    exposure: dict[str, int],
) -> list[int]:
    """Positions of the careers that pass the filters, in FIT order or the chosen sort."""
    kept = []
    for position in order.tolist():
        found = occupations.get(codes[position])
        if found is None:
            # Removed from the catalog since this result was scored.
            continue
        title, zone, holland_code, soc_code = found
        wage = wages.get(soc_code)
        outlook = outlooks.get(soc_code)
        score = exposure.get(codes[position])
        if (
            _keeps(filters, title=title, zone=zone, holland_code=holland_code, wage=wage)
            and (
                filters.outlook is None
                or (
                    outlook is not None
                    and outlook.label is not None
                    and outlook.label >= filters.outlook
                )
            )
            # No score is not "at most" anything.
            and (filters.ai is None or (score is not None and score <= filters.ai))
        ):
            kept.append(position)
    if filters.sort in AI_SORTS:
        # Stable: equal exposure keeps the FIT order; no score goes last either way.
        sign = 1 if filters.sort == "ai_low" else -1
        kept.sort(
            key=lambda position: (
                (score := exposure.get(codes[position])) is None,
                sign * (score or 0),
            )
        )
    if filters.sort in SORT_KEYS:
        # Stable: equal growth or openings keep their FIT order; no outlook goes last.
        by = SORT_KEYS[filters.sort]
        kept.sort(key=lambda position: by(outlooks.get(occupations[codes[position]][3])))
    return kept


_IN_CATALOG: dict[tuple[int | None, str], np.ndarray] = {}


def _in_catalog(
    codes_id: int | None, codes: Sequence[str], occupations: dict, stamp: str
) -> np.ndarray:
    """Per stored career, whether today's catalog still has it (once per code list and stamp)."""
    key = (codes_id, stamp)
    found = _IN_CATALOG.get(key)
    if found is None:
        if len(_IN_CATALOG) > 8:
            _IN_CATALOG.clear()
        found = _IN_CATALOG[key] = np.array([code in occupations for code in codes], dtype=bool)
    return found


def _by_growth(outlook: Outlook | None) -> tuple[bool, float]:
    percent = None if outlook is None else outlook.percent
    return (percent is None, -float(percent or 0))


def _by_openings(outlook: Outlook | None) -> tuple[bool, float]:
    openings = None if outlook is None else outlook.openings
    return (openings is None, -float(openings or 0))


SORT_KEYS = {"growth": _by_growth, "openings": _by_openings}
AI_SORTS = ("ai_low", "ai_high")
_AI: dict[str, dict[str, int]] = {}


def ai_scores(stamp: str) -> dict[str, int]:
    """O*NET code → AI exposure out of 100, read once per catalog stamp."""
    found = _AI.get(stamp)
    if found is None:
        _AI.clear()
        found = _AI[stamp] = {
            code: AiExposure.out_of_100(beta)
            for code, beta in AiExposure.objects.values_list("code", "human_beta")
        }
    return found


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


def _catalog_rows(state: AreaOption | None, *, stamp: str = "") -> tuple[dict, dict, dict]:
    key = (stamp or catalog_stamp(), state.id if state else None)
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


def catalog_occupations() -> dict[str, tuple[str, int | None, str, str]]:
    """Code → (title, job zone, Holland code, SOC code) of today's catalog, read once per stamp."""
    return _catalog_rows(None)[0]


def clear_caches() -> None:
    _RANKED.clear()
    _AI.clear()
    _CATALOG_ROWS.clear()
    _IN_CATALOG.clear()
    _AREAS.clear()


def _wages(state: AreaOption | None) -> dict[str, WageEstimate]:
    rows = WageEstimate.objects.only(
        "soc_code", "annual_median", "hourly_median", "employment", "top_coded"
    )
    if state is None:
        rows = rows.filter(area__area_type=Area.Type.NATION)
    else:
        rows = rows.filter(area_id=state.id)
    return {row.soc_code: row for row in rows}


@dataclass(frozen=True)
class _Today:
    """A result's profile ranked against today's catalog: the part scores, other weightings and
    the "why" lines come from it (the stored FIT stays what the person saw)."""

    matrix: OccupationMatrix
    ranking: Ranking
    row_of: dict[str, int]
    squared: dict[str, np.ndarray]  # per domain, parallel to the result's codes; NaN: not scored
    errors: list[float | None]  # per matrix trait, the standard error of the person's percentage


def _ranked_today(
    result: Result, stored: Weights, weights: Weights, version: int
) -> tuple[_Today | None, snapshot.Standing]:
    """`_today` for one catalog version and the scores under `weights` (`stored`: the result's
    own), kept for the last RANKED_KEPT results shown: a visitor trying filters, weights and
    pages asks for the same ranking again and again. A result never changes once saved
    (re-scoring saves a new one); keyed by its id, so no row is kept, and emptied when the
    catalog version changes, so no old matrix is either."""
    if result.pk is None:
        return _ranked(result, stored, weights, version)
    key = (result.pk, weights, version)
    with _RANKED_LOCK:
        if _RANKED and next(iter(_RANKED))[2] != version:
            _RANKED.clear()
        if key in _RANKED:
            _RANKED.move_to_end(key)
            return _RANKED[key]
    found = _ranked(result, stored, weights, version)
    with _RANKED_LOCK:
        _RANKED[key] = found
        while len(_RANKED) > RANKED_KEPT:
            _RANKED.popitem(last=False)
    return found


def _ranked(
    result: Result, stored: Weights, weights: Weights, version: int
) -> tuple[_Today | None, snapshot.Standing]:
    today = _today(result, weights, version=version)
    standing = snapshot.standing(
        fit=result.fit,
        squared=today.squared if today else {},
        scored_with=stored,
        weights=weights,
    )
    # Shared by the requests that find it kept: nobody may change it in place.
    for array in (standing.fit, standing.order, *standing.components.values()):
        array.flags.writeable = False
    return today, standing


RANKED_KEPT = 64
_RANKED: OrderedDict[tuple[int, Weights, int], tuple[_Today | None, snapshot.Standing]] = (
    OrderedDict()
)
_RANKED_LOCK = threading.Lock()


def _today(result: Result, weights: Weights, *, version: int | None = None) -> _Today | None:
    codes = result.codes
    if not codes or not result.profile:
        return None
    matrix = matching.occupation_matrix(snapshot.traits_of(result.profile), version=version)
    if not matrix.codes:
        return None
    profile = snapshot.profile_from_rows(result.profile, holland_code=result.holland_code)
    ranking = rank(profile, matrix, weights)
    row_of = matrix.row_of
    if codes == matrix.codes:
        squared = {
            domain: np.where(ranking.valid[:, i], ranking.squared[:, i], np.nan)
            for i, domain in enumerate(ranking.domains)
        }
    else:
        # The catalog changed since: careers it no longer has are not scored.
        rows = np.array([row_of.get(code, -1) for code in codes])
        here = rows >= 0
        rows[~here] = 0
        squared = {
            domain: np.where(here & ranking.valid[rows, i], ranking.squared[rows, i], np.nan)
            for i, domain in enumerate(ranking.domains)
        }
    error_of = {score.trait.element_id: score.error for score in profile.scores}
    errors = [error_of.get(trait.element_id) for trait in matrix.traits]
    return _Today(matrix=matrix, ranking=ranking, row_of=row_of, squared=squared, errors=errors)


def _ranges(today: _Today | None, codes: Sequence[str], *, seed: int) -> list[FitRange | None]:
    """Per code, the range of its FIT against today's catalog; None where there is none (a
    result stored before ranges were, or a career no longer in the catalog)."""
    if today is None or not codes or all(error is None for error in today.errors):
        return [None] * len(codes)
    here = [code for code in codes if code in today.row_of]
    found = dict(
        zip(
            here,
            confidence.fit_ranges(
                today.ranking,
                today.matrix,
                today.errors,
                [today.row_of[code] for code in here],
                seed=seed,
            ),
            strict=True,
        )
    )
    return [found.get(code) for code in codes]


def _reasons(
    today: _Today | None, codes: Sequence[str]
) -> dict[str, tuple[Reason | None, Reason | None]]:
    """The top raising and lowering trait of each code, against the current catalog."""
    if today is None or not codes:
        return {}
    wanted = [code for code in codes if code in today.row_of]
    if not wanted:
        return {}
    explained = explain_many(
        today.ranking, today.matrix, [today.row_of[code] for code in wanted], limit=1
    )
    return {
        code: (raised[0] if raised else None, lowered[0] if lowered else None)
        for code, (raised, lowered) in zip(wanted, explained, strict=True)
    }


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
    range: FitRange | None = None
    # Every career's FIT in the result, for the tables of other careers on the page.
    all_codes: Sequence[str] = ()
    all_fits: Sequence[float] = ()

    def fit_for(self, code: str) -> float | None:
        """The viewer's FIT for another career; None when the result does not score it."""
        try:
            position = self.all_codes.index(code)
        except ValueError:
            return None
        return _score(self.all_fits[position])


def session_result(token: str | None) -> Result | None:
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
    return result


def _own_standing(result: Result) -> tuple[_Today | None, snapshot.Standing]:
    """The result's careers under the weights it was scored with, and today's catalog."""
    stored = snapshot.stored_weights(result.weights)
    today = _today(result, stored)
    standing = snapshot.standing(
        fit=result.fit, squared=today.squared if today else {}, scored_with=stored, weights=stored
    )
    return today, standing


def result_fits(result: Result) -> dict[str, float]:
    """The result's FIT for every career it scores, under its own weights."""
    _today_catalog, standing = _own_standing(result)
    return {
        code: fit
        for code, fit in zip(result.codes, standing.fit.tolist(), strict=True)
        if fit == fit  # NaN: not scored
    }


def occupation_fit(token: str | None, code: str) -> OccupationFit | None:
    """The session's result (see session_result) for one career, None without one."""
    result = session_result(token)
    return None if result is None else fit_details(result, code)


def fit_details(result: Result, code: str) -> OccupationFit:
    """The result's FIT for one career with its parts, range, reasons and trait comparisons."""
    today, standing = _own_standing(result)
    codes = result.codes
    position = codes.index(code) if code in codes else None
    fit = None if position is None else _score(standing.fit[position])
    comparisons: list[DomainComparison] = []
    raised: list[Reason] = []
    lowered: list[Reason] = []
    if today is not None:
        matrix = today.matrix
        row = today.row_of.get(code)
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
            raised, lowered = explain_many(today.ranking, matrix, [row])[0]
    found = _ranges(today, [code], seed=result.pk or 0)[0] if position is not None else None
    return OccupationFit(
        assessment=result.assessment,
        fit=fit,
        rank=None if fit is None else int(np.nonzero(standing.order == position)[0][0]) + 1,
        scored=len(codes),
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
        range=found,
        all_codes=codes,
        all_fits=standing.fit,
    )
