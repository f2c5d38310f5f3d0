"""Small questionnaires built in code: a few traits, a few items each, both keyings."""

from __future__ import annotations

from assessments import services
from assessments.models import Answer, Assessment, Item, Questionnaire, Section
from tests.factories import make_descriptor

LIKE = ["Dislike a lot", "Dislike a little", "Not sure", "Like a little", "Like a lot"]
LIKE_ME = ["Not like me", "A little like me", "Somewhat like me", "Mostly like me", "Very much"]

INTERESTS = (("1.B.1.a", "Realistic", "R"), ("1.B.1.b", "Investigative", "I"))
STYLE = ("1.C.5.a", "Dependability", "DEP")


def make_questionnaire(
    version: str = "t1", *, published: bool = True, per_trait: int = 3
) -> Questionnaire:
    """Interests (2 traits × per_trait items) and one work style (2 "+" items, 1 "-" item).

    The first two items of each interest and the style's first "+" and its "-" item are in the
    short form.
    """
    questionnaire = Questionnaire.objects.create(
        version=version, title=f"Test questionnaire {version}", short_minutes=2, full_minutes=4
    )
    interests = Section.objects.create(
        questionnaire=questionnaire,
        key="interests",
        title="What you like to do",
        intro="Pick how much you would like each task.",
        position=1,
        scale_key="like5",
        scale_labels=LIKE,
    )
    styles = Section.objects.create(
        questionnaire=questionnaire,
        key="work_styles",
        title="How you work",
        intro="",
        position=2,
        scale_key="likeme5",
        scale_labels=LIKE_ME,
    )
    position = 0
    for element_id, name, letter in INTERESTS:
        descriptor = make_descriptor(element_id, name)
        for number in range(1, per_trait + 1):
            position += 1
            Item.objects.create(
                questionnaire=questionnaire,
                section=interests,
                key=f"T-{letter}-{number:02}",
                text=f"{name} task number {number}",
                descriptor=descriptor,
                in_short_form=number <= 2,
                position=position,
            )
    element_id, name, code = STYLE
    descriptor = make_descriptor(element_id, name)
    for number, keyed, short in ((1, "+", True), (2, "+", False), (3, "-", True)):
        Item.objects.create(
            questionnaire=questionnaire,
            section=styles,
            key=f"T-{code}-{number:02}",
            text=f"{name} statement {number}",
            descriptor=descriptor,
            keyed=keyed,
            in_short_form=short,
            position=number,
        )
    if published:
        services.questionnaire_publish(questionnaire=questionnaire)
    return questionnaire


def make_assessment(
    questionnaire: Questionnaire | None = None, *, form: str = "short"
) -> Assessment:
    return services.assessment_start(questionnaire=questionnaire or make_questionnaire(), form=form)


def answer_all(assessment: Assessment, value: int | list[int] = 3) -> None:
    """Answer every item of the assessment's form, directly (values cycle if a list is given)."""
    values = value if isinstance(value, list) else [value]
    items = list(assessment.form_items())
    services.answers_save(
        assessment=assessment,
        values={item.key: values[index % len(values)] for index, item in enumerate(items)},
    )


def stored(assessment: Assessment) -> dict[str, int]:
    return dict(Answer.objects.filter(assessment=assessment).values_list("item__key", "value"))
