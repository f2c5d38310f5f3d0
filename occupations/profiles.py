"""Everything an occupation profile page shows, gathered in a fixed number of queries.

`load_profile(code)` runs about ten queries whatever the data size: the occupation, its alternate
titles, tasks, ratings (one query for every domain), education category names, wages (nation,
states and territories in one query, top metros in another), related occupations and the two
latest data releases. Ratings flagged "recommend suppress" or "not relevant" are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When

from occupations import charts, holland, projections
from occupations.freshness import stamp_of, stamp_sql
from occupations.industries import Industries, industries_of
from occupations.models import (
    AiExposure,
    AlternateTitle,
    Area,
    DataRelease,
    Domain,
    Occupation,
    Rating,
    RelatedOccupation,
    ScaleCategory,
    Task,
    WageEstimate,
)

ALTERNATE_TITLES_SHOWN = 12
TOP_RATED = 10
WORK_CONTEXT_SHOWN = 12
RELATED_SHOWN = 10
METROS_SHOWN = 10
STATES_SHOWN = 5
# Shares below half a percent would print as "0%", which reads as missing data.
MIN_SHARE = 0.5

# (label, hourly field, annual field) rows of the national wage table.
WAGE_ROWS = (
    ("10th percentile", "hourly_p10", "annual_p10"),
    ("25th percentile", "hourly_p25", "annual_p25"),
    ("Median", "hourly_median", "annual_median"),
    ("75th percentile", "hourly_p75", "annual_p75"),
    ("90th percentile", "hourly_p90", "annual_p90"),
    ("Mean (average)", "hourly_mean", "annual_mean"),
)

# Work styles changed model in O*NET 30.x: 1.D.* styles rated on WI (impact) and DR
# (distinctiveness rank) replaced 1.C.* on IM. A descriptor shows the first of these it has.
WORK_STYLE_SCALES = ("IM", "WI", "DR")
NEW_WORK_STYLE_PREFIX = "1.D."
WORK_CONTEXT_SCALES = ("CX", "CT")
HIGH_POINT_SCALES = ("IH", "VH")
# Education, training and experience distributions, in the order the page shows them.
EDUCATION_ELEMENTS = ("2.D.1", "3.A.1", "3.A.2", "3.A.3")


@dataclass(frozen=True)
class RatedItem:
    element_id: str
    name: str
    description: str
    percentage: float
    scale_id: str
    # The LV (level) percentage next to an IM rating, for skills and knowledge.
    level: float | None = None


@dataclass(frozen=True)
class Share:
    category: int
    name: str
    percentage: float
    description: str = ""


@dataclass(frozen=True)
class Distribution:
    """Share of workers per category of one element, e.g. required level of education."""

    element_id: str
    name: str
    description: str
    shares: tuple[Share, ...]


@dataclass(frozen=True)
class Profile:
    occupation: Occupation
    alternate_titles: list[str] = field(default_factory=list)
    alternate_title_count: int = 0
    # The alternate titles past the first ALTERNATE_TITLES_SHOWN, behind a disclosure.
    more_alternate_titles: list[str] = field(default_factory=list)
    # Other O*NET occupations whose pay and jobs come from the same SOC code.
    sharing_soc: int = 0
    core_tasks: list[Task] = field(default_factory=list)
    other_tasks: list[Task] = field(default_factory=list)
    interests: list[RatedItem] = field(default_factory=list)
    work_styles: list[RatedItem] = field(default_factory=list)
    work_values: list[RatedItem] = field(default_factory=list)
    skills: list[RatedItem] = field(default_factory=list)
    knowledge: list[RatedItem] = field(default_factory=list)
    abilities: list[RatedItem] = field(default_factory=list)
    work_activities: list[RatedItem] = field(default_factory=list)
    work_context: list[RatedItem] = field(default_factory=list)
    education: list[Distribution] = field(default_factory=list)
    national_wage: WageEstimate | None = None
    state_wages: list[WageEstimate] = field(default_factory=list)
    metro_wages: list[WageEstimate] = field(default_factory=list)
    related: list[RelatedCareer] = field(default_factory=list)
    onet_release: DataRelease | None = None
    oews_release: DataRelease | None = None
    outlook: projections.Outlook | None = None
    ai_exposure: AiExposure | None = None
    ai_release: DataRelease | None = None
    industries: Industries | None = None
    industries_release: DataRelease | None = None
    projections_release: DataRelease | None = None

    @property
    def holland_types(self) -> list[tuple[str, str]]:
        return holland.type_names(self.occupation.holland_code)

    @property
    def holland_tied(self) -> holland.TiedCode:
        """Ties among the career's interest ratings (its code itself is O*NET's high points)."""
        return holland.tied_code(
            holland.by_letter([(item.name, item.percentage) for item in self.interests])
        )

    @property
    def interest_chart(self) -> charts.BarChart | None:
        if not self.interests:
            return None
        return charts.horizontal_bars(
            [(item.name, item.percentage) for item in self.interests],
            highlight=frozenset(name for _letter, name in self.holland_types),
        )

    @property
    def job_zone_summary(self) -> str:
        """The zone name without its number: "Job Zone Two: Some Preparation Needed" → "Some…"."""
        zone = self.occupation.job_zone
        return "" if zone is None else zone.name.rpartition(":")[2].strip()

    @property
    def work_styles_scale(self) -> str:
        return self.work_styles[0].scale_id if self.work_styles else ""

    @property
    def top_states(self) -> list[WageEstimate]:
        """The states and territories with the most jobs, most first (the table is A–Z)."""
        counted = [row for row in self.state_wages if row.employment]
        return sorted(counted, key=lambda row: -row.employment)[:STATES_SHOWN]

    @property
    def has_wages(self) -> bool:
        return bool(self.wage_rows or self.state_wages or self.metro_wages)

    @property
    def wage_rows(self) -> list[tuple[str, str, str]]:
        """The national wage table's rows that say something, hourly or annual."""
        wage = self.national_wage
        if wage is None:
            return []
        return [
            row
            for row in WAGE_ROWS
            if any(
                getattr(wage, field) is not None or wage.is_top_coded(field) for field in row[1:]
            )
        ]

    @property
    def missing_tables(self) -> list[str]:
        """O*NET tables the loaded release did not have, among those this page would show."""
        skipped = self.onet_release.skipped if self.onet_release else []
        shown = {
            "Skills": self.skills,
            "Knowledge": self.knowledge,
            "Abilities": self.abilities,
            "Work Activities": self.work_activities,
            "Work Context": self.work_context,
            "Work Styles": self.work_styles,
            "Work Values": self.work_values,
            "Interests": self.interests,
        }
        return [
            name for name in skipped if isinstance(name, str) and name in shown and not shown[name]
        ]

    @property
    def other_alternate_title_count(self) -> int:
        return self.alternate_title_count - len(self.alternate_titles)


def load_profile(code: str) -> Profile | None:
    """The profile of the occupation with this O*NET-SOC code, or None if there is none."""
    same_soc = (
        Occupation.objects.filter(soc_code=OuterRef("soc_code"))
        .exclude(pk=OuterRef("pk"))
        .values("soc_code")
        .annotate(count=Count("pk"))
        .values("count")
    )
    occupation = (
        Occupation.objects.select_related("job_zone")
        .annotate(sharing_soc=Subquery(same_soc[:1]))
        .filter(code=code)
        .first()
    )
    if occupation is None:
        return None
    alternates = list(
        AlternateTitle.objects.filter(occupation=occupation)
        .order_by("title")
        .values_list("title", flat=True)
    )
    tasks = list(
        Task.objects.filter(occupation=occupation).order_by(
            Case(
                When(task_type=Task.Type.CORE, then=Value(0)),
                When(task_type=Task.Type.SUPPLEMENTAL, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            "task_id",
        )
    )
    rated = _rated_items(occupation)
    national, regional = _regional_wages(occupation.soc_code)
    releases = newest_releases()
    return Profile(
        occupation=occupation,
        alternate_titles=alternates[:ALTERNATE_TITLES_SHOWN],
        more_alternate_titles=alternates[ALTERNATE_TITLES_SHOWN:],
        sharing_soc=getattr(occupation, "sharing_soc", 0) or 0,
        alternate_title_count=len(alternates),
        core_tasks=[task for task in tasks if task.task_type == Task.Type.CORE],
        other_tasks=[task for task in tasks if task.task_type != Task.Type.CORE],
        national_wage=national,
        state_wages=regional,
        metro_wages=_top_metros(occupation.soc_code),
        related=related_careers(occupation.code),
        onet_release=releases.get(DataRelease.Source.ONET),
        oews_release=releases.get(DataRelease.Source.OEWS),
        outlook=projections.outlook_for_soc(occupation.soc_code),
        ai_exposure=AiExposure.objects.filter(code=occupation.code).first(),
        ai_release=releases.get(DataRelease.Source.AI_EXPOSURE),
        industries=industries_of(occupation.soc_code),
        industries_release=releases.get(DataRelease.Source.OEWS_INDUSTRIES),
        projections_release=releases.get(DataRelease.Source.PROJECTIONS),
        **rated,
    )


@dataclass(frozen=True)
class RelatedCareer:
    """One of O*NET's related occupations, with what a person weighs a move by."""

    occupation: Occupation
    wage: WageEstimate | None
    outlook: projections.Outlook | None
    ai_score: int | None
    # The viewer's FIT, when they have a result and it scores this career.
    fit: float | None = None


def related_careers(
    code: str, *, fit_for: Callable[[str], float | None] | None = None
) -> list[RelatedCareer]:
    """O*NET's related occupations in its order, with national pay, outlook and AI exposure:
    four queries whatever their number. `fit_for(code)` gives the viewer's FIT, if any."""
    found = [
        link.related
        for link in RelatedOccupation.objects.filter(occupation__code=code)
        .select_related("related")
        .order_by("index", "related__title")[:RELATED_SHOWN]
    ]
    if not found:
        return []
    socs = {other.soc_code for other in found}
    wages = {
        row.soc_code: row
        for row in WageEstimate.objects.filter(
            soc_code__in=socs, area__area_type=Area.Type.NATION
        ).only("soc_code", "annual_median", "hourly_median", "top_coded", "employment")
    }
    outlooks = projections.outlook_by_soc(socs)
    exposure = dict(
        AiExposure.objects.filter(code__in=[other.code for other in found]).values_list(
            "code", "human_beta"
        )
    )
    return [
        RelatedCareer(
            occupation=other,
            wage=wages.get(other.soc_code),
            outlook=outlooks.get(other.soc_code),
            ai_score=AiExposure.out_of_100(exposure.get(other.code)),
            fit=None if fit_for is None else fit_for(other.code),
        )
        for other in found
    ]


def newest_releases() -> dict[str, DataRelease]:
    """The newest release of each source, in one query."""
    newest: dict[str, DataRelease] = {}
    for release in DataRelease.objects.order_by("-imported_at", "-id"):
        newest.setdefault(release.source, release)
    return newest


def occupation_or_none(code: str) -> Occupation | None:
    return Occupation.objects.select_related("job_zone").filter(code=code).first()


def first_code_for_soc(soc_code: str) -> str | None:
    """The O*NET code a bare SOC code (43-4051) stands for: its ".00" code, else the lowest."""
    return (
        Occupation.objects.filter(soc_code=soc_code)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )


def education_of(codes: list[str]) -> dict[str, list[Distribution]]:
    """The education and training distributions of several occupations, in two queries."""
    rows = (
        Rating.objects.filter(
            occupation__code__in=codes,
            descriptor__element_id__in=EDUCATION_ELEMENTS,
            category__gt=0,
            recommend_suppress=False,
        )
        .select_related("descriptor", "scale", "occupation")
        .order_by("occupation__code", "descriptor__element_id", "category")
    )
    rows = list(rows)
    labels = _category_labels(rows)
    grouped: dict[str, list[Rating]] = defaultdict(list)
    for row in rows:
        grouped[row.occupation.code].append(row)
    return {code: _distributions(grouped[code], labels) for code in codes}


def _rated_items(occupation: Occupation) -> dict[str, list]:
    ratings = (
        Rating.objects.filter(occupation=occupation, recommend_suppress=False, not_relevant=False)
        .exclude(scale__scale_id__in=HIGH_POINT_SCALES)
        # Work context response shares (CXP/CTP categories) are hundreds of rows nobody reads.
        .exclude(Q(descriptor__domain=Domain.WORK_CONTEXT) & Q(category__gt=0))
        .select_related("descriptor", "scale")
    )
    # domain → element id → scale id → rating, for plain (category 0) ratings.
    plain: dict[str, dict[str, dict[str, Rating]]] = defaultdict(lambda: defaultdict(dict))
    category_rows: list[Rating] = []
    for rating in ratings:
        if rating.category:
            category_rows.append(rating)
        else:
            plain[rating.descriptor.domain][rating.descriptor.element_id][rating.scale.scale_id] = (
                rating
            )
    return {
        "interests": _interests(plain[Domain.INTERESTS]),
        "work_styles": _work_styles(plain[Domain.WORK_STYLES]),
        "work_values": _ranked(plain[Domain.WORK_VALUES], ("EX",)),
        "skills": _ranked(plain[Domain.SKILLS], ("IM",), level=True)[:TOP_RATED],
        "knowledge": _ranked(plain[Domain.KNOWLEDGE], ("IM",), level=True)[:TOP_RATED],
        "abilities": _ranked(plain[Domain.ABILITIES], ("IM",))[:TOP_RATED],
        "work_activities": _ranked(plain[Domain.WORK_ACTIVITIES], ("IM",))[:TOP_RATED],
        "work_context": _ranked(plain[Domain.WORK_CONTEXT], WORK_CONTEXT_SCALES)[
            :WORK_CONTEXT_SHOWN
        ],
        "education": _distributions(category_rows),
    }


def _item(rating: Rating, level: Rating | None = None) -> RatedItem:
    return RatedItem(
        element_id=rating.descriptor.element_id,
        name=rating.descriptor.name,
        description=rating.descriptor.description,
        percentage=charts.clamp_percentage(rating.percentage),
        scale_id=rating.scale.scale_id,
        level=None if level is None else charts.clamp_percentage(level.percentage),
    )


def _ranked(
    by_element: dict[str, dict[str, Rating]], scales: tuple[str, ...], *, level: bool = False
) -> list[RatedItem]:
    """One item per element on the first of `scales` it has, highest percentage first."""
    items = []
    for by_scale in by_element.values():
        rating = next((by_scale[scale] for scale in scales if scale in by_scale), None)
        if rating is not None:
            items.append(_item(rating, by_scale.get("LV") if level else None))
    return sorted(items, key=lambda item: (-item.percentage, item.name))


def _interests(by_element: dict[str, dict[str, Rating]]) -> list[RatedItem]:
    return [
        _item(by_element[element]["OI"])
        for element in holland.ELEMENT_LETTERS
        if "OI" in by_element.get(element, {})
    ]


def _work_styles(by_element: dict[str, dict[str, Rating]]) -> list[RatedItem]:
    # An occupation imported from both model generations shows only the newer one.
    newer = {
        element: scales
        for element, scales in by_element.items()
        if element.startswith(NEW_WORK_STYLE_PREFIX)
    }
    return _ranked(newer or by_element, WORK_STYLE_SCALES)


def _category_labels(rows: list[Rating]) -> dict[tuple[int, int, int], str]:
    return {
        (descriptor_id, scale_id, category): description
        for descriptor_id, scale_id, category, description in ScaleCategory.objects.filter(
            descriptor_id__in={row.descriptor_id for row in rows}
        ).values_list("descriptor_id", "scale_id", "category", "description")
    }


def _distributions(
    rows: list[Rating], labels: dict[tuple[int, int, int], str] | None = None
) -> list[Distribution]:
    """`labels`: the category names, when the caller has read them for several occupations."""
    rows = [row for row in rows if row.descriptor.element_id in EDUCATION_ELEMENTS]
    if not rows:
        return []
    if labels is None:
        labels = _category_labels(rows)
    grouped: dict[str, list[Rating]] = defaultdict(list)
    for row in rows:
        grouped[row.descriptor.element_id].append(row)
    distributions = []
    for element_id in EDUCATION_ELEMENTS:
        shares = tuple(
            _share(row, labels.get((row.descriptor_id, row.scale_id, row.category), ""))
            for row in sorted(grouped.get(element_id, []), key=lambda row: row.category)
            if row.percentage >= MIN_SHARE
        )
        if shares:
            descriptor = grouped[element_id][0].descriptor
            distributions.append(
                Distribution(element_id, descriptor.name, descriptor.description, shares)
            )
    return distributions


def _share(row: Rating, label: str) -> Share:
    # O*NET writes "Post-Secondary Certificate - awarded for training completed after high
    # school (…)": the part before " - " is the name, the rest explains it.
    name, _dash, description = (label or f"Category {row.category}").partition(" - ")
    return Share(
        category=row.category,
        name=name.strip(),
        percentage=charts.clamp_percentage(row.percentage),
        description=description.strip(),
    )


def _regional_wages(soc_code: str) -> tuple[WageEstimate | None, list[WageEstimate]]:
    """The national estimate and the state and territory ones, states first, by name."""
    if not soc_code:
        return None, []
    rows = list(
        WageEstimate.objects.filter(
            soc_code=soc_code,
            area__area_type__in=(Area.Type.NATION, Area.Type.STATE, Area.Type.TERRITORY),
        )
        .select_related("area")
        .order_by("area__area_type", "area__title")
    )
    national = next((row for row in rows if row.area.area_type == Area.Type.NATION), None)
    return national, [row for row in rows if row.area.area_type != Area.Type.NATION]


def _top_metros(soc_code: str) -> list[WageEstimate]:
    if not soc_code:
        return []
    return list(
        WageEstimate.objects.filter(
            soc_code=soc_code, area__area_type=Area.Type.METRO, employment__isnull=False
        )
        .select_related("area")
        .order_by("-employment", "area__title")[:METROS_SHOWN]
    )


def title_and_stamp(code: str) -> tuple[str, str] | None:
    """The occupation's title and the catalog stamp in one query; None for an unknown code."""
    table = connection.ops.quote_name(Occupation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT title, {stamp_sql()} FROM {table} WHERE code = %s", [code])
        row = cursor.fetchone()
    if row is None:
        return None
    title, version, newest = row
    return title, stamp_of(version, newest)
