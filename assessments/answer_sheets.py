"""Answer sheets for batch scoring: JSON or CSV in, one checked record per respondent out.

Pure parsing and checking, no ORM: the caller passes the item keys of each form. A bad
respondent becomes a record with errors; it never stops the others from being scored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

FORMS = ("short", "full")


class SheetError(Exception):
    """The sheet as a whole cannot be read (not JSON or CSV, wrong shape)."""


@dataclass
class Respondent:
    id: str
    form: str
    answers: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def read_sheet(text: str, *, name: str = "") -> list[dict[str, object]]:
    """Raw respondent records from JSON (an object or a list of them) or a CSV answer sheet.

    CSV: a header row with `id`, optionally `form`, and one column per item id.
    """
    stripped = text.lstrip()
    if name.lower().endswith(".json") or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SheetError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
        records = data if isinstance(data, list) else [data]
        if not all(isinstance(record, dict) for record in records):
            raise SheetError("JSON must be an object or a list of objects")
        return records
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise SheetError("no respondents found (an empty file, or a header with no rows)")
    if "id" not in rows[0]:
        raise SheetError("the CSV header needs an 'id' column")
    records = []
    for row in rows:
        answers = {
            key: value
            for key, value in row.items()
            if key not in {"id", "form"} and key is not None and value not in (None, "")
        }
        records.append({"id": row["id"], "form": row.get("form") or "", "answers": answers})
    return records


def check(
    record: Mapping[str, object],
    *,
    position: int,
    form_items: Mapping[str, frozenset[str]],
    points: int = 5,
) -> Respondent:
    """Validate one record against the item ids of its form (short, or full by default)."""
    respondent_id = str(record.get("id") or f"#{position}")
    form = str(record.get("form") or "full")
    respondent = Respondent(id=respondent_id, form=form)
    if form not in form_items:
        respondent.errors.append(f"unknown form {form!r} (use {' or '.join(FORMS)})")
        return respondent
    raw = record.get("answers")
    if not isinstance(raw, Mapping):
        respondent.errors.append("'answers' must map item ids to values")
        return respondent
    wanted = form_items[form]
    every_item = frozenset().union(*form_items.values())
    for key, value in raw.items():
        key = str(key)
        if key not in wanted:
            where = "is not in the " + form + " form" if key in every_item else "is unknown"
            respondent.errors.append(f"item {key!r} {where}")
            continue
        try:
            number = int(str(value).strip())
        except ValueError:
            respondent.errors.append(f"item {key!r}: {value!r} is not a whole number 1–{points}")
            continue
        if str(value).strip() != str(number) or not 1 <= number <= points:
            respondent.errors.append(f"item {key!r}: {value!r} is outside 1–{points}")
            continue
        respondent.answers[key] = number
    missing = sorted(wanted - raw.keys())
    if missing:
        shown = ", ".join(missing[:8]) + (
            f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        )
        respondent.errors.append(f"{len(missing)} items not answered: {shown}")
    return respondent
