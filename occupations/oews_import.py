"""Write a parsed OEWS release into Area and WageEstimate, in one transaction, in bulk.

Stored rows are compared with the release and only the differences are written, so importing
the same release twice changes nothing. Rows the release no longer has are deleted: a release
replaces the previous one, it does not add to it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import FloatField, TextField
from django.db.models.functions import Cast

from occupations.bulk import Counts, ImportSummary, insert_rows, record_release
from occupations.models import Area, DataRelease, WageEstimate
from occupations.oews_release import (
    VALUE_COLUMNS,
    VALUE_FIELDS,
    AreaKey,
    EstimateRecord,
    ParsedRelease,
)

BATCH = 5000
# Row ids per DELETE; SQLite builds before 3.32 allow only 999 parameters in one statement.
DELETE_BATCH = 900
COMPARED_FIELDS = ("occupation_title", "group", *VALUE_FIELDS, "top_coded")
DECIMAL_FIELDS = frozenset(name for name, kind in VALUE_COLUMNS.values() if kind is Decimal)
DECIMAL_POSITIONS = tuple(
    position for position, name in enumerate(COMPARED_FIELDS) if name in DECIMAL_FIELDS
)


def _sync_areas(parsed: ParsedRelease) -> tuple[dict[AreaKey, int], list[int], Counts]:
    """Create and update areas; returns ids by key and the ids of areas the release dropped.

    Dropped areas are deleted last, once their wage estimates have been deleted and counted.
    """
    stored = {(area.area_type, area.code): area for area in Area.objects.all()}
    counts = Counts()
    created: list[Area] = []
    changed: list[Area] = []
    for key, record in parsed.areas.items():
        area = stored.get(key)
        if area is None:
            created.append(
                Area(
                    area_type=record.area_type,
                    code=record.code,
                    title=record.title,
                    primary_state=record.primary_state,
                )
            )
        elif (area.title, area.primary_state) != (record.title, record.primary_state):
            area.title, area.primary_state = record.title, record.primary_state
            changed.append(area)
        else:
            counts.unchanged += 1
    Area.objects.bulk_create(created, batch_size=BATCH)
    Area.objects.bulk_update(changed, ["title", "primary_state"], batch_size=BATCH)
    gone = [area.pk for key, area in stored.items() if key not in parsed.areas]
    counts.created, counts.updated, counts.deleted = len(created), len(changed), len(gone)
    ids = {
        (area_type, code): pk
        for pk, area_type, code in Area.objects.values_list("id", "area_type", "code")
    }
    return ids, gone, counts


def _from_release(record: EstimateRecord) -> list:
    values = [record.occupation_title, record.group, *record.values, record.top_coded]
    for position in DECIMAL_POSITIONS:
        if values[position] is not None:
            values[position] = float(values[position])
    return values


def _stored_estimates() -> Iterator[tuple[int, int, str, list]]:
    """(id, area id, SOC code, compared values) of every stored estimate, streamed.

    Decimals come back as floats and top_coded as its JSON text: Django's per-cell Decimal and
    JSON converters took 15 s on the full release. A float rounded to cents compares exactly
    with the release's Decimal, whatever the database did to the last binary digit.
    """
    columns: list[str | Cast] = [
        Cast(name, FloatField()) if name in DECIMAL_FIELDS else name
        for name in COMPARED_FIELDS[:-1]
    ]
    columns.append(Cast("top_coded", TextField()))
    rows = WageEstimate.objects.values_list("id", "area_id", "soc_code", *columns)
    lists: dict[str, tuple[str, ...]] = {}
    for pk, area_id, soc_code, *values in rows.iterator(chunk_size=BATCH):
        raw = values[-1]
        if raw not in lists:
            lists[raw] = tuple(json.loads(raw))
        values[-1] = lists[raw]
        for position in DECIMAL_POSITIONS:
            if values[position] is not None:
                values[position] = round(values[position], 2)
        yield pk, area_id, soc_code, values


def _insert_estimates(records: Iterable[tuple[int, EstimateRecord]]) -> int:
    """Insert (area id, record) pairs; returns how many. Only the JSON list needs adapting."""
    meta = WageEstimate._meta
    names = ("area", "soc_code", *COMPARED_FIELDS)
    top_coded_field = meta.get_field("top_coded")
    adapted: dict[tuple[str, ...], object] = {}

    def values(area_id: int, record: EstimateRecord) -> tuple:
        top_coded = adapted.get(record.top_coded)
        if top_coded is None:
            top_coded = top_coded_field.get_db_prep_save(list(record.top_coded), connection)
            adapted[record.top_coded] = top_coded
        return (
            area_id,
            record.soc_code,
            record.occupation_title,
            record.group,
            *record.values,
            top_coded,
        )

    columns = tuple(meta.get_field(name).column for name in names)
    return insert_rows(meta.db_table, columns, (values(*pair) for pair in records))


def _sync_estimates(parsed: ParsedRelease, ids: dict[AreaKey, int]) -> Counts:
    """A changed estimate is deleted and inserted again: nothing refers to these rows by id,
    and a bulk DELETE plus the fast insert beats both Django's bulk_update (a CASE per field)
    and an UPDATE per row, which PostgreSQL runs one round trip at a time."""
    areas = {pk: key for key, pk in ids.items()}
    counts = Counts()
    stale: list[int] = []
    seen: set[tuple[AreaKey, str]] = set()
    for pk, area_id, soc_code, values in _stored_estimates():
        key = (areas[area_id], soc_code)
        record = parsed.estimates.get(key)
        if record is None:
            stale.append(pk)
            counts.deleted += 1
        elif _from_release(record) != values:
            stale.append(pk)
            counts.updated += 1
        else:
            seen.add(key)
            counts.unchanged += 1
    for start in range(0, len(stale), DELETE_BATCH):
        WageEstimate.objects.filter(pk__in=stale[start : start + DELETE_BATCH]).delete()
    written = _insert_estimates(
        (ids[record.area], record) for key, record in parsed.estimates.items() if key not in seen
    )
    counts.created = written - counts.updated
    return counts


@transaction.atomic
def oews_import(
    *,
    parsed: ParsedRelease,
    version: str = "",
    on_step: Callable[[str, Counts], None] | None = None,
) -> ImportSummary:
    """Bring areas and wage estimates in line with `parsed`; records a DataRelease when
    anything changed. Any error rolls the whole import back."""
    started = time.perf_counter()
    summary = ImportSummary(
        release=None,
        version=version or parsed.version,
        rows_read=parsed.rows_read,
        rows_skipped=parsed.rows_skipped,
        skipped=parsed.skipped,
    )

    def step(name: str, counts: Counts) -> None:
        summary.tables[name] = counts
        if on_step is not None:
            on_step(name, counts)

    ids, gone, counts = _sync_areas(parsed)
    step("areas", counts)
    step("wage estimates", _sync_estimates(parsed, ids))
    for start in range(0, len(gone), DELETE_BATCH):
        Area.objects.filter(pk__in=gone[start : start + DELETE_BATCH]).delete()

    total = summary.total()
    summary.seconds = parsed.seconds + time.perf_counter() - started
    if total.changed:
        record_release(
            source=DataRelease.Source.OEWS,
            summary=summary,
            location=parsed.location,
            file_format=parsed.file_format,
            files=parsed.files,
        )
    return summary
