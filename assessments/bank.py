"""Read an item bank file (fixtures/questionnaire.json) into checked, plain data.

No database here: the loader service writes what this returns, and `content()` gives the same
comparable shape for a bank read from a file and one rebuilt from the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FORMS = ("short", "full")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
ELEMENT_ID_PATTERN = re.compile(r"^\d(\.[A-Za-z0-9]+)+$")
SECTION_KEYS = ("interests", "work_styles", "work_values")


class BankError(ValueError):
    pass


@dataclass(frozen=True)
class BankItem:
    key: str
    text: str
    descriptor: str
    trait: str
    keyed: str
    short: bool


@dataclass(frozen=True)
class BankSection:
    key: str
    title: str
    intro: str
    scale_key: str
    scale_labels: tuple[str, ...]
    items: tuple[BankItem, ...]


@dataclass(frozen=True)
class Bank:
    version: str
    title: str
    minutes: dict[str, int]
    sections: tuple[BankSection, ...]

    @property
    def items(self) -> list[BankItem]:
        return [item for section in self.sections for item in section.items]

    def content(self) -> dict[str, Any]:
        """What must match for two banks of one version to count as the same questionnaire."""
        return {
            "title": self.title,
            "minutes": dict(self.minutes),
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "intro": section.intro,
                    "scale_key": section.scale_key,
                    "scale_labels": list(section.scale_labels),
                    "items": [
                        [item.key, item.text, item.descriptor, item.keyed, item.short]
                        for item in section.items
                    ],
                }
                for section in self.sections
            ],
        }


def parse_bank(data: object, *, points: int = 5) -> Bank:
    """Check the whole file and return it, or raise BankError naming every problem found."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise BankError("The file must hold one JSON object.")
    version = _text(data, "version", "the file", problems)
    title = _text(data, "title", "the file", problems)
    minutes = {form: _minutes(data, form, problems) for form in FORMS}
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append("`sections` must be a non-empty list.")
        raw_sections = []
    sections = []
    seen_sections: set[str] = set()
    seen_items: set[str] = set()
    for index, raw in enumerate(raw_sections, start=1):
        where = f"section {index}"
        if not isinstance(raw, dict):
            problems.append(f"{where} must be an object.")
            continue
        key = _text(raw, "key", where, problems)
        where = f"section {key or index}"
        if key and key not in SECTION_KEYS:
            problems.append(f"{where}: key must be one of {', '.join(SECTION_KEYS)}.")
        if key in seen_sections:
            problems.append(f"{where}: appears twice.")
        seen_sections.add(key)
        scale = raw.get("scale") if isinstance(raw.get("scale"), dict) else {}
        labels = scale.get("labels")
        if (
            not isinstance(labels, list)
            or len(labels) != points
            or not all(isinstance(label, str) and label.strip() for label in labels)
        ):
            problems.append(f"{where}: scale.labels must be {points} labels, lowest first.")
            labels = []
        items = _items(raw.get("items"), where, seen_items, problems)
        sections.append(
            BankSection(
                key=key,
                title=_text(raw, "title", where, problems),
                intro=str(raw.get("intro", "")).strip(),
                scale_key=str(scale.get("key", "")).strip(),
                scale_labels=tuple(label.strip() for label in labels),
                items=tuple(items),
            )
        )
    traits: dict[str, tuple[str, str]] = {}
    for section in sections:
        for item in section.items:
            named = traits.setdefault(item.descriptor, (item.trait, section.key))
            if named != (item.trait, section.key):
                problems.append(
                    f"item {item.key}: descriptor {item.descriptor} is {named[0]!r} in section "
                    f"{named[1]} elsewhere in the file."
                )
    if sections and not any(item.short for section in sections for item in section.items):
        problems.append("No item is marked `short: true`, so there would be no short form.")
    if problems:
        raise BankError("The item bank has problems:\n- " + "\n- ".join(problems))
    return Bank(version=version, title=title, minutes=minutes, sections=tuple(sections))


def _items(raw_items: object, where: str, seen: set[str], problems: list[str]) -> list[BankItem]:
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(f"{where}: items must be a non-empty list.")
        return []
    items = []
    for index, raw in enumerate(raw_items, start=1):
        if not isinstance(raw, dict):
            problems.append(f"{where}, item {index}: must be an object.")
            continue
        key = _text(raw, "key", f"{where}, item {index}", problems)
        here = f"item {key or index}"
        if key and not KEY_PATTERN.match(key):
            problems.append(f"{here}: key may hold letters, digits, - and _ only.")
        if key in seen:
            problems.append(f"{here}: key used twice.")
        seen.add(key)
        descriptor = _text(raw, "descriptor", here, problems)
        if descriptor and not ELEMENT_ID_PATTERN.match(descriptor):
            problems.append(f"{here}: descriptor {descriptor!r} is not an O*NET element id.")
        keyed = raw.get("keyed")
        if keyed not in ("+", "-"):
            problems.append(f'{here}: keyed must be "+" or "-".')
        if not isinstance(raw.get("short"), bool):
            problems.append(f"{here}: short must be true or false.")
        items.append(
            BankItem(
                key=key,
                text=_text(raw, "text", here, problems),
                descriptor=descriptor,
                trait=_text(raw, "trait", here, problems),
                keyed=str(keyed),
                short=raw.get("short") is True,
            )
        )
    return items


def _text(raw: dict, field: str, where: str, problems: list[str]) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: `{field}` must be non-empty text.")
        return ""
    return value.strip()


def _minutes(data: dict, form: str, problems: list[str]) -> int:
    forms = data.get("forms")
    entry = forms.get(form) if isinstance(forms, dict) else None
    value = entry.get("minutes") if isinstance(entry, dict) else None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(f"forms.{form}.minutes must be a whole number of minutes.")
        return 0
    return value


def next_version(version: str, taken: set[str]) -> str:
    """The next free version after `version`: 1.0 → 1.1 (→ 1.2 if 1.1 is taken); v2 → v2.1."""
    head, _, last = version.rpartition(".")
    if last.isdigit():
        prefix, number = (head + "." if head else ""), int(last)
    else:
        prefix, number = version + ".", 0
    candidate = f"{prefix}{number + 1}"
    while candidate in taken:
        number += 1
        candidate = f"{prefix}{number + 1}"
    return candidate
