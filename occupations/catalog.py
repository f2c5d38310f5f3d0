"""The career browser's query: search, filter and paginate occupations in five or six queries.

Queries: the count, one page of occupations (with job zone and the alternate title that matched),
the national wage rows of that page, their job outlook, the latest O*NET release for the
attribution, and, when filtering by outlook, the all-occupations change the labels compare with.

The Holland filter keeps occupations whose code *starts with* the letter, i.e. whose strongest
interest it is: "Social careers" then means careers that are mainly social, not every career with
some social side.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from occupations import projections
from occupations.models import (
    AiExposure,
    AlternateTitle,
    Area,
    DataRelease,
    Occupation,
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

    @property
    def page_adjusted(self) -> bool:
        """True when the page asked for does not exist and another one is shown instead."""
        return bool(self.requested_page) and self.requested_page != str(self.page.number)


def matching_occupations(
    *,
    q: str = "",
    zone: int | None = None,
    holland: str = "",
    outlook: Label | None = None,
    ai: int | None = None,
    sort: str = "",
) -> QuerySet:
    """`ai`: AI exposure at most this many out of 100 (careers without a score are left out)."""
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
    occupations = _searched(occupations, q)
    if sort in SORT_FIELDS:
        return projections.order_by_outlook(occupations, SORT_FIELDS[sort])
    if sort in AI_ORDER:
        by = (
            F("ai_beta").asc(nulls_last=True)
            if sort == "ai_low"
            else F("ai_beta").desc(nulls_last=True)
        )
        return occupations.order_by(by, "title", "code")
    return occupations


def _searched(occupations: QuerySet, q: str) -> QuerySet:
    if not q:
        return occupations.order_by("title", "code")
    alternates = AlternateTitle.objects.filter(occupation=OuterRef("pk"), title__icontains=q)
    return (
        occupations.filter(Q(title__icontains=q) | Q(code__startswith=q) | Q(Exists(alternates)))
        .annotate(
            # Titles that are or start with the search beat those that merely mention it,
            # and those beat occupations found only through an alternate title.
            rank=Case(
                When(Q(title__iexact=q) | Q(code__startswith=q), then=Value(0)),
                When(title__istartswith=q, then=Value(1)),
                When(title__icontains=q, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            matched_title=Subquery(alternates.order_by("title").values("title")[:1]),
        )
        .order_by("rank", "title", "code")
    )


def search_catalog(
    *,
    q: str = "",
    zone: int | None = None,
    holland: str = "",
    outlook: Label | None = None,
    ai: int | None = None,
    sort: str = "",
    page: str = "",
) -> CatalogResult:
    """One page of matching occupations; a page past the end shows the last page."""
    paginator = Paginator(
        matching_occupations(q=q, zone=zone, holland=holland, outlook=outlook, ai=ai, sort=sort),
        PER_PAGE,
    )
    shown = paginator.get_page(page or 1)
    occupations = list(shown.object_list)
    soc_codes = {occupation.soc_code for occupation in occupations}
    wages = _national_wages(soc_codes)
    outlooks = projections.outlook_by_soc(soc_codes)
    entries = [
        CatalogEntry(
            occupation=occupation,
            wage=wages.get(occupation.soc_code),
            outlook=outlooks.get(occupation.soc_code),
            matched_title=(
                ""
                if not q or q.lower() in occupation.title.lower()
                else getattr(occupation, "matched_title", None) or ""
            ),
        )
        for occupation in occupations
    ]
    return CatalogResult(
        page=shown,
        entries=entries,
        requested_page=page,
        onet_release=DataRelease.objects.filter(source=DataRelease.Source.ONET).first(),
    )


def _national_wages(soc_codes: set[str]) -> dict[str, WageEstimate]:
    if not soc_codes:
        return {}
    rows = WageEstimate.objects.filter(
        soc_code__in=soc_codes, area__area_type=Area.Type.NATION
    ).only("soc_code", "annual_median", "hourly_median", "top_coded", "employment")
    return {row.soc_code: row for row in rows}
