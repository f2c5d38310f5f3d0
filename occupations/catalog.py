"""The career browser's query: search, filter and paginate occupations in five or six queries.

Queries: the count (or, for a search with filters, the codes the filters keep), one page of
occupations (with job zone), the national wage rows of that page, their job outlook, the latest
O*NET release for the attribution, and, when filtering by outlook, the all-occupations change
the labels compare with. A search itself runs in memory (occupations/search.py) on an index
built once per process and catalog stamp, plus the stamp's one query.

The Holland filter keeps occupations whose code *starts with* the letter, i.e. whose strongest
interest it is: "Social careers" then means careers that are mainly social, not every career with
some social side.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import (
    F,
    OuterRef,
    QuerySet,
    Subquery,
)

from occupations import projections, search
from occupations.freshness import catalog_stamp
from occupations.models import (
    AiExposure,
    AlternateTitle,
    Area,
    DataRelease,
    Occupation,
    Task,
    WageEstimate,
)
from occupations.outlook import Label
from occupations.projections import Outlook

PER_PAGE = 25
# Sort choice → the annotation to sort by, highest first; "" keeps best match, then A–Z.
SORT_FIELDS = {"growth": "outlook_percent", "openings": "outlook_openings"}
AI_ORDER = ("ai_low", "ai_high")


@dataclass(frozen=True)
class CatalogEntry:
    occupation: Occupation
    # The national OEWS row for the occupation's SOC code, when BLS publishes one.
    wage: WageEstimate | None
    # Set when the search matched an alternate title but not the title itself.
    matched_title: str
    outlook: Outlook | None = None

    @property
    def ai_score(self) -> int | None:
        """AI exposure out of 100 (human-rated β), None when the paper did not rate it."""
        return AiExposure.out_of_100(getattr(self.occupation, "ai_beta", None))


@dataclass(frozen=True)
class CatalogResult:
    page: Page
    entries: list[CatalogEntry]
    requested_page: str
    onet_release: DataRelease | None
    # Set when nothing matched the query as typed and a corrected spelling is shown instead.
    corrected_from: str = ""
    searched: str = ""

    @property
    def page_adjusted(self) -> bool:
        """True when the page asked for does not exist and another one is shown instead."""
        return bool(self.requested_page) and self.requested_page != str(self.page.number)


def matching_occupations(
    *,
    zone: int | None = None,
    holland: str = "",
    outlook: Label | None = None,
    ai: int | None = None,
    sort: str = "",
) -> QuerySet:
    """The filters and the sort; `ai`: AI exposure at most this many out of 100 (careers without
    a score are left out). Without a sort, A–Z."""
    occupations = Occupation.objects.select_related("job_zone").annotate(
        ai_beta=Subquery(AiExposure.objects.filter(code=OuterRef("code")).values("human_beta")[:1])
    )
    if ai is not None:
        # Compared as the whole number shown: 25 keeps a β of 0.2549, which shows as 25.
        occupations = occupations.filter(ai_beta__lt=Decimal(ai) / 100 + Decimal("0.005"))
    if zone is not None:
        occupations = occupations.filter(job_zone_id=zone)
    if holland:
        occupations = occupations.filter(holland_code__startswith=holland)
    if outlook is not None:
        occupations = projections.filter_by_outlook(occupations, outlook)
    if sort in SORT_FIELDS:
        return projections.order_by_outlook(occupations, SORT_FIELDS[sort])
    if sort in AI_ORDER:
        by = (
            F("ai_beta").asc(nulls_last=True)
            if sort == "ai_low"
            else F("ai_beta").desc(nulls_last=True)
        )
        return occupations.order_by(by, "title", "code")
    return occupations.order_by("title", "code")


def search_catalog(
    *,
    q: str = "",
    zone: int | None = None,
    holland: str = "",
    outlook: Label | None = None,
    ai: int | None = None,
    sort: str = "",
    page: str = "",
    stamp: str | None = None,
) -> CatalogResult:
    """One page of matching occupations; a page past the end shows the last page.

    With a query and no sort, the search's order (best match first) is kept through the filters.
    `stamp`: the catalog stamp, when the caller has just read it."""
    occupations = matching_occupations(
        zone=zone, holland=holland, outlook=outlook, ai=ai, sort=sort
    )
    found = search_index(stamp).find(q) if q else None
    if found is None or sort:
        if found is not None:
            occupations = occupations.filter(code__in=found.codes)
        shown = Paginator(occupations, PER_PAGE).get_page(page or 1)
        page_occupations = list(shown.object_list)
    else:
        filtered = zone is not None or bool(holland) or outlook is not None or ai is not None
        kept = (
            set(occupations.filter(code__in=found.codes).values_list("code", flat=True))
            if filtered
            else None
        )
        codes = [code for code in found.codes if kept is None or code in kept]
        shown = Paginator(codes, PER_PAGE).get_page(page or 1)
        by_code = {o.code: o for o in occupations.filter(code__in=list(shown.object_list))}
        page_occupations = [by_code[code] for code in shown.object_list if code in by_code]
    alternates = {hit.code: hit.alternate for hit in found.hits} if found else {}
    soc_codes = {occupation.soc_code for occupation in page_occupations}
    wages = _national_wages(soc_codes)
    outlooks = projections.outlook_by_soc(soc_codes)
    entries = [
        CatalogEntry(
            occupation=occupation,
            wage=wages.get(occupation.soc_code),
            outlook=outlooks.get(occupation.soc_code),
            matched_title=alternates.get(occupation.code, ""),
        )
        for occupation in page_occupations
    ]
    return CatalogResult(
        page=shown,
        entries=entries,
        requested_page=page,
        onet_release=DataRelease.objects.filter(source=DataRelease.Source.ONET).first(),
        corrected_from=found.corrected_from if found else "",
        searched=found.query if found else "",
    )


# One search index per process, rebuilt when the catalog stamp changes (any import or edit).
_lock = threading.Lock()
_indexes: dict[str, search.Index] = {}


def search_index(stamp: str | None = None) -> search.Index:
    if stamp is None:
        stamp = catalog_stamp()
    with _lock:
        found = _indexes.get(stamp)
        if found is None:
            found = build_search_index()
            _indexes.clear()
            _indexes[stamp] = found
    return found


def build_search_index() -> search.Index:
    """Titles, alternate titles, description and tasks, and national jobs: four queries.

    Where several occupations share one SOC code's jobs, each counts an equal share of them."""
    alternates: dict[str, list[str]] = {}
    for code, title in AlternateTitle.objects.values_list("occupation__code", "title"):
        alternates.setdefault(code, []).append(title)
    tasks: dict[str, list[str]] = {}
    for code, statement in Task.objects.values_list("occupation__code", "statement"):
        tasks.setdefault(code, []).append(statement)
    jobs = dict(
        WageEstimate.objects.filter(
            area__area_type=Area.Type.NATION, employment__isnull=False
        ).values_list("soc_code", "employment")
    )
    rows = Occupation.objects.order_by("code").values_list(
        "code", "soc_code", "title", "description"
    )
    sharing = Counter(soc_code for _, soc_code, _, _ in rows)
    return search.Index(
        search.Doc(
            code=code,
            title=title,
            alternates=tuple(alternates.get(code, ())),
            text=" ".join([description, *tasks.get(code, ())]),
            jobs=(jobs.get(soc_code) or 0) // sharing[soc_code],
        )
        for code, soc_code, title, description in rows
    )


def clear_caches() -> None:
    with _lock:
        _indexes.clear()


def _national_wages(soc_codes: set[str]) -> dict[str, WageEstimate]:
    if not soc_codes:
        return {}
    rows = WageEstimate.objects.filter(
        soc_code__in=soc_codes, area__area_type=Area.Type.NATION
    ).only("soc_code", "annual_median", "hourly_median", "top_coded", "employment")
    return {row.soc_code: row for row in rows}


def job_choices(q: str, *, limit: int = 8) -> tuple[search.Found | None, list[Occupation]]:
    """The best matches for "I work as …", with the career browser's search."""
    if not q:
        return None, []
    found = search_index().find(q)
    codes = found.codes[:limit]
    by_code = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
    return found, [by_code[code] for code in codes if code in by_code]
