"""A small questionnaire, a scored catalog and a finished assessment, for the results pages.

The questionnaire measures three interests, two work styles and two work values, two
statements each, so that every part of the FIT and its explanations has something to compare.
`finished_assessment()` answers like someone who loves realistic work, dislikes investigative
work, is dependable but not stress tolerant, and values achievement more than independence.
"""

from __future__ import annotations

from assessments import services
from assessments.models import Assessment, Item, Questionnaire, Section
from occupations.models import Area, Occupation
from tests.assessments.factories import LIKE, LIKE_ME
from tests.factories import make_area, make_descriptor, make_occupation, make_rating, make_wage

TEXAS = ("48", "Texas", "TX")

# section key, element id, name, answer given by finished_assessment()
TRAITS = (
    ("interests", "1.B.1.a", "Realistic", 5),
    ("interests", "1.B.1.b", "Investigative", 1),
    ("interests", "1.B.1.c", "Artistic", 3),
    ("work_styles", "1.C.5.a", "Dependability", 4),
    ("work_styles", "1.C.4.b", "Stress Tolerance", 2),
    ("work_values", "1.B.2.a", "Achievement", 5),
    ("work_values", "1.B.2.f", "Independence", 2),
)
SCALE_OF = {"interests": "OI", "work_styles": "IM", "work_values": "EX"}

# code, title, percentages in TRAITS order (None: no rating), job zone, Holland code,
# national median (None: none published; "top": top-coded), Texas median.
CAREERS = (
    ("47-2031.00", "Carpenters", (90, 10, 40, 100, 90, 60, 60), 2, "RC", 56_000, 50_000),
    ("47-2111.00", "Electricians", (85, 30, 40, 70, 30, 90, 30), 3, "RIC", 61_000, 58_000),
    ("29-1141.00", "Registered Nurses", (40, 60, 30, 75, 25, 100, 25), 3, "SIC", "top", None),
    ("19-1042.00", "Medical Scientists", (10, 90, 30, 80, 40, 90, 50), 5, "IR", 100_000, 95_000),
    (
        "43-4051.00",
        "Customer Service Representatives",
        (20, 20, 20, 60, 50, None, None),
        2,
        "ESC",
        None,
        None,
    ),
)


def make_results_questionnaire(version: str = "r1") -> Questionnaire:
    """Two statements per trait, the second reverse-keyed for work styles; one of each short."""
    questionnaire = Questionnaire.objects.create(
        version=version, title=f"Results test {version}", short_minutes=2, full_minutes=3
    )
    sections = {}
    for position, (key, title, labels) in enumerate(
        (
            ("interests", "What you like to do", LIKE),
            ("work_styles", "How you work", LIKE_ME),
            ("work_values", "What matters to you", LIKE_ME),
        ),
        start=1,
    ):
        sections[key] = Section.objects.create(
            questionnaire=questionnaire,
            key=key,
            title=title,
            position=position,
            scale_key=f"s{position}",
            scale_labels=labels,
        )
    for position, (key, element_id, name, _answer) in enumerate(TRAITS, start=1):
        descriptor = make_descriptor(element_id, name)
        for number in (1, 2):
            Item.objects.create(
                questionnaire=questionnaire,
                section=sections[key],
                key=f"X-{element_id.replace('.', '')}-{number}",
                text=f"{name} statement {number}",
                descriptor=descriptor,
                keyed="-" if key == "work_styles" and number == 2 else "+",
                in_short_form=number == 1,
                position=position * 10 + number,
            )
    services.questionnaire_publish(questionnaire=questionnaire)
    return questionnaire


def make_scored_catalog(extra: int = 0) -> list[Occupation]:
    """The CAREERS, plus `extra` filler occupations with their own ratings and wages."""
    nation = make_area()
    texas = make_area(Area.Type.STATE, *TEXAS)
    make_area(Area.Type.TERRITORY, "72", "Puerto Rico", "PR")
    rows = list(CAREERS) + [
        (
            f"51-{9000 + index:04d}.00",
            f"Filler Worker {index:02d}",
            tuple((index * step) % 100 for step in (37, 53, 11, 29, 71, 43, 17)),
            index % 5 + 1,
            "RCE"[index % 3] + "I",
            30_000 + 1_000 * index,
            28_000 + 1_000 * index,
        )
        for index in range(extra)
    ]
    occupations = []
    for code, title, percentages, zone, holland, national, state in rows:
        occupation = make_occupation(code, title, job_zone=zone, holland_code=holland)
        for (key, element_id, name, _answer), percentage in zip(TRAITS, percentages, strict=True):
            if percentage is not None:
                make_rating(occupation, element_id, SCALE_OF[key], percentage=percentage, name=name)
        if national == "top":
            make_wage(
                occupation.soc_code,
                area=nation,
                annual_median=None,
                hourly_median=None,
                top_coded=["annual_median", "hourly_median"],
            )
        elif national is not None:
            make_wage(occupation.soc_code, area=nation, annual_median=national, employment=1_000)
        if state is not None:
            make_wage(occupation.soc_code, area=texas, annual_median=state, employment=321)
        occupations.append(occupation)
    return occupations


def finished_assessment(
    *, flat: bool = False, form: str = "full", answers: dict[str, int] | None = None
) -> Assessment:
    """A finished assessment of the results questionnaire, scored once (its first Result);
    `answers` (trait name → 1–5) replaces some of the usual answers."""
    questionnaire = Questionnaire.objects.filter(version="r1").first()
    assessment = services.assessment_start(
        questionnaire=questionnaire or make_results_questionnaire(), form=form
    )
    given = answers or {}
    answers = {element_id: given.get(name, answer) for _key, element_id, name, answer in TRAITS}
    values = {}
    for item in assessment.form_items().select_related("descriptor"):
        answer = 5 if flat else answers[item.descriptor.element_id]
        values[item.key] = answer if item.keyed == "+" else 6 - answer
    services.answers_save(assessment=assessment, values=values)
    return services.assessment_finish(assessment=assessment)
