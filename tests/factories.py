"""Small factories for catalog rows, shared by the whole test suite.

Every function creates what it needs and nothing more; lookups (scales, descriptors, job zones,
areas) are get-or-create so tests can call them freely. Values follow the real O*NET and OEWS
conventions: a rating's percentage is 100 × (value − min) / (max − min) on its scale's range.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from occupations.models import (
    AlternateTitle,
    Area,
    DataRelease,
    Descriptor,
    Domain,
    JobZone,
    Occupation,
    Rating,
    RelatedOccupation,
    Scale,
    ScaleCategory,
    Task,
    WageEstimate,
)
from occupations.onet_release import KNOWN_SCALES

# The official ranges, as the importer knows them.
SCALES = KNOWN_SCALES

# Element id prefix → domain, longest prefixes first so 1.B.1 beats 1.B.
DOMAIN_PREFIXES = (
    ("1.B.1", Domain.INTERESTS),
    ("1.B.2", Domain.WORK_VALUES),
    ("1.C", Domain.WORK_STYLES),
    ("1.D", Domain.WORK_STYLES),
    ("1.A", Domain.ABILITIES),
    ("2.A", Domain.SKILLS),
    ("2.B", Domain.SKILLS),
    ("2.C", Domain.KNOWLEDGE),
    ("2.D", Domain.EDUCATION),
    ("3.A", Domain.EDUCATION),
    ("4.A", Domain.WORK_ACTIVITIES),
    ("4.C", Domain.WORK_CONTEXT),
)

RIASEC = (
    ("1.B.1.a", "Realistic"),
    ("1.B.1.b", "Investigative"),
    ("1.B.1.c", "Artistic"),
    ("1.B.1.d", "Social"),
    ("1.B.1.e", "Enterprising"),
    ("1.B.1.f", "Conventional"),
)

_task_ids = itertools.count(1)


def make_release(*, source: str = DataRelease.Source.ONET, version: str = "29.3") -> DataRelease:
    return DataRelease.objects.create(source=source, version=version, location=f"test:{source}")


def make_scale(scale_id: str) -> Scale:
    name, minimum, maximum = SCALES.get(scale_id, (scale_id, 0, 100))
    scale, _ = Scale.objects.get_or_create(
        scale_id=scale_id, defaults={"name": name, "minimum": minimum, "maximum": maximum}
    )
    return scale


def domain_of(element_id: str) -> str:
    return next((domain for prefix, domain in DOMAIN_PREFIXES if element_id.startswith(prefix)), "")


def make_descriptor(
    element_id: str, name: str = "", *, domain: str | None = None, description: str = ""
) -> Descriptor:
    descriptor, _ = Descriptor.objects.get_or_create(
        element_id=element_id,
        defaults={
            "name": name or f"Element {element_id}",
            "domain": domain_of(element_id) if domain is None else domain,
            "description": description,
        },
    )
    return descriptor


def make_job_zone(zone: int = 2, name: str = "") -> JobZone:
    job_zone, _ = JobZone.objects.get_or_create(
        zone=zone,
        defaults={
            "name": name or f"Job Zone {zone}: Some Preparation Needed",
            "education": "These occupations usually require a high school diploma.",
            "experience": "Some previous work-related experience is usually needed.",
            "job_training": "Employees need anywhere from a few months to one year of training.",
        },
    )
    return job_zone


def make_occupation(
    code: str = "43-4051.00",
    title: str = "Customer Service Representatives",
    *,
    description: str = "Answer customers' questions about products and services.",
    job_zone: int | None = None,
    holland_code: str = "",
) -> Occupation:
    return Occupation.objects.create(
        code=code,
        soc_code=code[:7],
        title=title,
        description=description,
        job_zone=make_job_zone(job_zone) if job_zone else None,
        holland_code=holland_code,
    )


def make_rating(
    occupation: Occupation,
    element_id: str,
    scale_id: str = "IM",
    *,
    percentage: float | None = None,
    value: float | None = None,
    category: int = 0,
    name: str = "",
    description: str = "",
    recommend_suppress: bool = False,
    not_relevant: bool = False,
) -> Rating:
    """A rating given as a percentage or a raw value; the other one is derived from the scale."""
    scale = make_scale(scale_id)
    if value is None:
        percentage = 50.0 if percentage is None else percentage
        value = scale.minimum + (scale.maximum - scale.minimum) * percentage / 100
    elif percentage is None:
        percentage = scale.percentage(value)
    return Rating.objects.create(
        occupation=occupation,
        descriptor=make_descriptor(element_id, name, description=description),
        scale=scale,
        category=category,
        value=value,
        percentage=percentage,
        recommend_suppress=recommend_suppress,
        not_relevant=not_relevant,
    )


def make_category(element_id: str, scale_id: str, category: int, description: str) -> ScaleCategory:
    category_row, _ = ScaleCategory.objects.get_or_create(
        descriptor=make_descriptor(element_id),
        scale=make_scale(scale_id),
        category=category,
        defaults={"description": description},
    )
    return category_row


def make_task(occupation: Occupation, statement: str, *, task_type: str = Task.Type.CORE) -> Task:
    return Task.objects.create(
        occupation=occupation, task_id=next(_task_ids), statement=statement, task_type=task_type
    )


def make_alternate_title(occupation: Occupation, title: str) -> AlternateTitle:
    return AlternateTitle.objects.create(occupation=occupation, title=title)


def make_related(
    occupation: Occupation, related: Occupation, *, index: int = 1
) -> RelatedOccupation:
    return RelatedOccupation.objects.create(
        occupation=occupation, related=related, tier="Primary-Short", index=index
    )


def make_area(
    area_type: int = Area.Type.NATION,
    code: str = "99",
    title: str = "U.S.",
    primary_state: str = "",
) -> Area:
    area, _ = Area.objects.get_or_create(
        area_type=area_type,
        code=code,
        defaults={"title": title, "primary_state": primary_state},
    )
    return area


def make_wage(
    soc_code: str = "43-4051",
    *,
    area: Area | None = None,
    employment: int | None = 2_800_000,
    annual_median: int | None = 44_770,
    hourly_median: Decimal | str | None = "21.52",
    top_coded: list[str] | None = None,
    **fields: object,
) -> WageEstimate:
    """One OEWS row; the national area unless `area` is given."""
    return WageEstimate.objects.create(
        area=area or make_area(),
        soc_code=soc_code,
        occupation_title=f"Occupation {soc_code}",
        employment=employment,
        annual_median=annual_median,
        hourly_median=None if hourly_median is None else Decimal(str(hourly_median)),
        top_coded=top_coded or [],
        **fields,
    )


def make_complete_occupation(
    code: str = "43-4051.00", title: str = "Customer Service Representatives"
) -> Occupation:
    """An occupation with a row for every block of the profile page (one of each kind or so)."""
    occupation = make_occupation(
        code,
        title,
        job_zone=2,
        holland_code="ESC",
        description="Talk with customers to answer questions and solve problems with orders.",
    )
    make_alternate_title(occupation, "Call Center Agent")
    make_task(occupation, "Answer customer questions by telephone or in person.")
    make_task(
        occupation, "Suggest better ways to package products.", task_type=Task.Type.SUPPLEMENTAL
    )
    for (element_id, name), percentage in zip(
        RIASEC, (12.5, 25.0, 8.0, 56.0, 89.0, 56.5), strict=True
    ):
        make_rating(occupation, element_id, "OI", percentage=percentage, name=name)
    make_rating(
        occupation,
        "1.C.1.a",
        "IM",
        percentage=94,
        name="Dependability",
        description="Being reliable and fulfilling obligations.",
    )
    make_rating(occupation, "1.B.2.d", "EX", percentage=83, name="Relationships")
    make_rating(occupation, "2.B.1.f", "IM", percentage=57, name="Service Orientation")
    make_rating(occupation, "2.B.1.f", "LV", percentage=45, name="Service Orientation")
    make_rating(occupation, "2.C.1.e", "IM", percentage=88, name="Customer and Personal Service")
    make_rating(occupation, "1.A.1.a.1", "IM", percentage=78, name="Oral Comprehension")
    make_rating(occupation, "4.A.4.a.8", "IM", percentage=84, name="Working with the Public")
    make_rating(occupation, "4.C.1.a.2.l", "CX", percentage=99, name="Telephone Conversations")
    make_category("2.D.1", "RL", 2, "High School Diploma")
    make_rating(
        occupation, "2.D.1", "RL", category=2, percentage=55, name="Required Level of Education"
    )
    make_wage(
        code[:7],
        annual_p10=31_000,
        hourly_p10=Decimal("14.90"),
        # OEWS prints "#" for these: NULL plus the field name, never a made-up number.
        top_coded=["annual_p90", "hourly_p90"],
    )
    make_wage(
        code[:7],
        area=make_area(Area.Type.STATE, "48", "Texas", "TX"),
        employment=337_170,
        annual_median=39_100,
        location_quotient=1.23,
    )
    make_wage(
        code[:7],
        area=make_area(Area.Type.METRO, "19100", "Dallas-Fort Worth-Arlington, TX", "TX"),
        employment=78_000,
        annual_median=41_000,
    )
    receptionists = Occupation.objects.filter(code="43-4171.00").first() or make_occupation(
        "43-4171.00", "Receptionists and Information Clerks"
    )
    make_related(occupation, receptionists)
    make_release(source=DataRelease.Source.ONET, version="29.3")
    make_release(source=DataRelease.Source.OEWS, version="May 2025")
    return occupation
