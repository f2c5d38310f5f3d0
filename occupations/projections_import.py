"""Write a parsed Employment Projections table into Projection, in one transaction.

Stored rows are compared with the release and only the differences are written, so importing
the same release twice changes nothing. A release replaces the previous one: rows it no
longer has are deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import transaction

from occupations.bulk import Counts, ImportSummary, insert_rows, record_release
from occupations.models import DataRelease, Projection
from occupations.projections_release import FIELDS, ParsedProjections

COMPARED_FIELDS = (*FIELDS, "base_year", "projected_year")
# Row ids per DELETE; SQLite builds before 3.32 allow only 999 parameters in one statement.
DELETE_BATCH = 900


def _sync(parsed: ParsedProjections) -> Counts:
    """A changed row is deleted and inserted again: nothing refers to projections by id."""
    counts = Counts()
    stale: list[int] = []
    seen: set[str] = set()
    years = (parsed.base_year, parsed.projected_year)
    for pk, code, *values in Projection.objects.values_list("id", "code", *COMPARED_FIELDS):
        record = parsed.records.get(code)
        if record is None:
            stale.append(pk)
            counts.deleted += 1
        elif (*record.values(), *years) != tuple(values):
            stale.append(pk)
            counts.updated += 1
        else:
            seen.add(code)
            counts.unchanged += 1
    for start in range(0, len(stale), DELETE_BATCH):
        Projection.objects.filter(pk__in=stale[start : start + DELETE_BATCH]).delete()
    meta = Projection._meta
    columns = tuple(meta.get_field(name).column for name in ("code", *COMPARED_FIELDS))
    written = insert_rows(
        meta.db_table,
        columns,
        (
            (code, *record.values(), *years)
            for code, record in parsed.records.items()
            if code not in seen
        ),
    )
    counts.created = written - counts.updated
    return counts


@transaction.atomic
def projections_import(
    *, parsed: ParsedProjections, on_step: Callable[[str, Counts], None] | None = None
) -> ImportSummary:
    """Bring Projection in line with `parsed`; records a DataRelease when anything changed.
    Any error rolls the whole import back."""
    started = time.perf_counter()
    summary = ImportSummary(
        release=None,
        version=parsed.version,
        rows_read=parsed.rows_read,
        rows_skipped=parsed.rows_skipped,
        skipped=parsed.skipped,
    )
    counts = _sync(parsed)
    summary.tables["projections"] = counts
    if on_step is not None:
        on_step("projections", counts)
    summary.seconds = parsed.seconds + time.perf_counter() - started
    if counts.changed:
        record_release(
            source=DataRelease.Source.PROJECTIONS,
            summary=summary,
            location=parsed.location,
            file_format=parsed.file_format,
            files=parsed.files,
        )
    return summary
