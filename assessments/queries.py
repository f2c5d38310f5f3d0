"""Read-only queries for the quiz pages, the admin commands and the export."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q

from assessments import layout, quality
from assessments.bank import Bank, BankItem, BankSection
from assessments.models import Answer, Assessment, Item, Questionnaire, Section
from careerfit.compiled import Compiled

# token_urlsafe output; anything else cannot be a token, so it is not looked up.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class QuizItem:
    key: str
    text: str
    section: str
    trait: str
    keyed: str
    scale: tuple[tuple[int, str], ...]
    value: int | None = None
    error: str = ""


@dataclass(frozen=True)
class QuizSection:
    key: str
    title: str
    intro: str


@dataclass(frozen=True)
class FormOption:
    value: str
    label: str
    items: int
    minutes: int


@dataclass(frozen=True)
class Quiz:
    """One assessment laid out in pages, with its saved answers."""

    assessment: Assessment
    sections: dict[str, QuizSection]
    pages: tuple[layout.Page[QuizItem], ...]

    @cached_property
    def items(self) -> list[QuizItem]:
        return [item for page in self.pages for item in page.items]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.value is not None)

    @property
    def missing(self) -> list[tuple[int, QuizItem]]:
        """Unanswered items with the number of the page they are on."""
        return [
            (page.number, item) for page in self.pages for item in page.items if item.value is None
        ]

    def page(
        self,
        number: int,
        *,
        submitted: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> layout.Page[QuizItem] | None:
        """Page `number`, showing what was just submitted (and refused) over what is saved."""
        if not 1 <= number <= len(self.pages):
            return None
        page = self.pages[number - 1]
        if not submitted and not errors:
            return page
        submitted, errors = submitted or {}, errors or {}
        items = tuple(
            dataclasses.replace(
                item,
                value=_as_choice(submitted[item.key]) if item.key in submitted else item.value,
                error=errors.get(item.key, ""),
            )
            for item in page.items
        )
        return dataclasses.replace(page, items=items)

    def page_of(self, item_key: str) -> int | None:
        for page in self.pages:
            if any(item.key == item_key for item in page.items):
                return page.number
        return None

    def quality(self) -> quality.Quality:
        responses = [
            quality.Response(
                section=item.section, trait=item.trait, keyed=item.keyed, value=item.value
            )
            for item in self.items
            if item.value is not None
        ]
        titles = {key: section.title for key, section in self.sections.items()}
        return quality.assess(responses, section_titles=titles)


def questionnaire_current() -> Questionnaire | None:
    return Questionnaire.objects.filter(published=True).order_by("-published_at", "-id").first()


def assessment_for_token(token: str) -> Assessment | None:
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    found = _BY_TOKEN(token)
    return found[0] if found else None


# Every quiz request starts here; tokens are unique, so the row is not sorted.
_BY_TOKEN = Compiled(
    Assessment,
    lambda token: (
        Assessment.objects.select_related("questionnaire").filter(token=token).order_by()[:1]
    ),
    arity=1,
)


def form_options(questionnaire: Questionnaire) -> list[FormOption]:
    counts = Item.objects.filter(questionnaire=questionnaire).aggregate(
        full=Count("id"), short=Count("id", filter=Q(in_short_form=True))
    )
    return [
        FormOption(
            value=form.value,
            label=form.label,
            items=counts[form.value],
            minutes=questionnaire.minutes(form.value),
        )
        for form in (Assessment.Form.SHORT, Assessment.Form.FULL)
    ]


def quiz_for(assessment: Assessment) -> Quiz:
    items = list(assessment.form_items().select_related("section", "descriptor"))
    saved = dict(Answer.objects.filter(assessment=assessment).values_list("item_id", "value"))
    return _quiz(assessment, items, saved)


def answered_quiz(assessment: Assessment) -> Quiz:
    """A finished assessment's quiz in one query: every item of its form has an answer."""
    answers = list(
        Answer.objects.filter(assessment=assessment)
        .select_related("item__section", "item__descriptor")
        .order_by("item__section__position", "item__position", "item__id")
    )
    return _quiz(
        assessment,
        [answer.item for answer in answers],
        {answer.item_id: answer.value for answer in answers},
    )


def finished_quality(assessment: Assessment) -> quality.Quality:
    """The answer-quality notes of a finished assessment, whose answers never change again:
    worked out once and kept in the cache."""
    if assessment.finished_at is None:
        return answered_quiz(assessment).quality()
    key = f"assessments:quality:{assessment.pk}:{assessment.finished_at.timestamp()}"
    found = cache.get(key)
    if found is None:
        found = answered_quiz(assessment).quality()
        cache.set(key, found, timeout=24 * 3600)
    return found


def _quiz(assessment: Assessment, items: list[Item], saved: dict[int, int]) -> Quiz:
    sections = {
        item.section.key: QuizSection(
            key=item.section.key, title=item.section.title, intro=item.section.intro
        )
        for item in items
    }
    quiz_items = [
        QuizItem(
            key=item.key,
            text=item.text,
            section=item.section.key,
            trait=item.descriptor.element_id,
            keyed=item.keyed,
            scale=tuple(item.section.scale),
            value=saved.get(item.pk),
        )
        for item in items
    ]
    pages = layout.paginate(
        quiz_items, section=lambda item: item.section, trait=lambda item: item.trait
    )
    return Quiz(assessment=assessment, sections=sections, pages=tuple(pages))


def progress(assessment: Assessment) -> tuple[int, int]:
    """(answered, total) for the assessment's form."""
    return assessment.answers.count(), len(form_items_by_key(assessment))


# A published questionnaire never changes (the admin makes a draft copy instead), so its items
# are read once per process; the key holds its publication time so a deleted and re-made
# questionnaire with a reused id is not taken for the old one.
_FORM_ITEMS: dict[tuple[int, object, str], dict[str, Item]] = {}


def form_items_by_key(assessment: Assessment) -> dict[str, Item]:
    """The items of the assessment's form by key, with their sections (do not change them)."""
    questionnaire = assessment.questionnaire
    if not questionnaire.published:
        return _items_by_key(assessment)
    key = (questionnaire.pk, questionnaire.published_at, assessment.form)
    found = _FORM_ITEMS.get(key)
    if found is None:
        found = _FORM_ITEMS[key] = _items_by_key(assessment)
    return found


def clear_form_items() -> None:
    _FORM_ITEMS.clear()


def _items_by_key(assessment: Assessment) -> dict[str, Item]:
    return {item.key: item for item in assessment.form_items().select_related("section")}


def questionnaire_bank(questionnaire: Questionnaire) -> Bank:
    """The questionnaire as it is stored, in the shape of an item-bank file."""
    items = list(
        questionnaire.items.select_related("descriptor").order_by("section__position", "position")
    )
    sections = []
    for section in Section.objects.filter(questionnaire=questionnaire).order_by("position"):
        sections.append(
            BankSection(
                key=section.key,
                title=section.title,
                intro=section.intro,
                scale_key=section.scale_key,
                scale_labels=tuple(section.scale_labels),
                items=tuple(
                    BankItem(
                        key=item.key,
                        text=item.text,
                        descriptor=item.descriptor.element_id,
                        trait=item.descriptor.name,
                        keyed=item.keyed,
                        short=item.in_short_form,
                    )
                    for item in items
                    if item.section_id == section.pk
                ),
            )
        )
    return Bank(
        version=questionnaire.version,
        title=questionnaire.title,
        minutes={"short": questionnaire.short_minutes, "full": questionnaire.full_minutes},
        sections=tuple(sections),
    )


def questionnaire_export(questionnaire: Questionnaire, form: str) -> dict[str, Any]:
    bank = questionnaire_bank(questionnaire)
    return {
        "questionnaire": questionnaire.version,
        "title": questionnaire.title,
        "published": questionnaire.published,
        "form": form,
        "minutes": questionnaire.minutes(form),
        "scoring": (
            'Answers are whole numbers 1 to N (N = scale.points). For items keyed "-", '
            "use N + 1 - answer before combining items of one descriptor."
        ),
        "items": [
            {
                "id": item.key,
                "text": item.text,
                "section": section.key,
                "descriptor": item.descriptor,
                "trait": item.trait,
                "keyed": item.keyed,
                "short_form": item.short,
                "scale": {
                    "key": section.scale_key,
                    "points": len(section.scale_labels),
                    "labels": list(section.scale_labels),
                },
            }
            for section in bank.sections
            for item in section.items
            if form == Assessment.Form.FULL or item.short
        ],
    }


def _as_choice(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 3 else None
