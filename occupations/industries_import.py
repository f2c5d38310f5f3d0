"""Write parsed OEWS industry estimates into IndustryEstimate, in one transaction.

Only differences are written, so importing the same release twice changes nothing; rows the
release no longer has are deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import transaction

from occupations.bulk import Counts, ImportSummary, insert_rows, record_release
from occupations.industries_release import FIELDS, ParsedIndustries
from occupations.models import DataRelease, IndustryEstimate

DELETE_BATCH = 900


def _sync(parsed: ParsedIndustries) -> Counts:
    counts = Counts()
    stale: list[int] = []
    seen: set[tuple[str, str, str]] = set()
    stored = IndustryEstimate.objects.values_list("id", "soc_code", "naics", "ownership", *FIELDS)
    for pk, soc, naics, ownership, *values in stored.iterator(chunk_size=5000):
        key = (soc, naics, ownership)
        record = parsed.records.get(key)
        if record is None:
            stale.append(pk)
            counts.deleted += 1
        elif record.values() != tuple(values):
            stale.append(pk)
            counts.updated += 1
        else:
            seen.add(key)
            counts.unchanged += 1
    for start in range(0, len(stale), DELETE_BATCH):
        IndustryEstimate.objects.filter(pk__in=stale[start : start + DELETE_BATCH]).delete()
    meta = IndustryEstimate._meta
    names = ("soc_code", "naics", "ownership", *FIELDS)
    written = insert_rows(
        meta.db_table,
        tuple(meta.get_field(name).column for name in names),
        ((*key, *record.values()) for key, record in parsed.records.items() if key not in seen),
    )
    counts.created = written - counts.updated
    return counts


@transaction.atomic
def industries_import(
    *, parsed: ParsedIndustries, on_step: Callable[[str, Counts], None] | None = None
) -> ImportSummary:
    """Bring IndustryEstimate in line with `parsed`; records a DataRelease when anything
    changed. Any error rolls the whole import back."""
    started = time.perf_counter()
    summary = ImportSummary(
        release=None,
        version=parsed.version,
        rows_read=parsed.rows_read,
        rows_skipped=parsed.rows_skipped,
        skipped=list(parsed.skipped),
    )
    counts = _sync(parsed)
    summary.tables["industry_estimates"] = counts
    if on_step is not None:
        on_step("industry_estimates", counts)
    summary.seconds = parsed.seconds + time.perf_counter() - started
    if counts.changed:
        record_release(
            source=DataRelease.Source.OEWS_INDUSTRIES,
            summary=summary,
            location=parsed.location,
            file_format=parsed.file_format,
            files=parsed.files,
        )
    return summary
