"""Write a parsed AI exposure table into AiExposure, in one transaction.

Only differences are written, so importing the same file twice changes nothing; codes the file
no longer has are deleted. Codes our O*NET catalog lacks are kept (a later O*NET release may
have them) and counted in the summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import transaction

from occupations.ai_exposure_release import FIELDS, ParsedExposure
from occupations.bulk import Counts, ImportSummary, insert_rows, record_release
from occupations.models import AiExposure, DataRelease, Occupation


def _sync(parsed: ParsedExposure) -> Counts:
    counts = Counts()
    stale: list[int] = []
    seen: set[str] = set()
    for pk, code, *values in AiExposure.objects.values_list("id", "code", *FIELDS):
        record = parsed.records.get(code)
        if record is None:
            stale.append(pk)
            counts.deleted += 1
        elif record.values() != tuple(values):
            stale.append(pk)
            counts.updated += 1
        else:
            seen.add(code)
            counts.unchanged += 1
    AiExposure.objects.filter(pk__in=stale).delete()
    meta = AiExposure._meta
    columns = tuple(meta.get_field(name).column for name in ("code", *FIELDS))
    written = insert_rows(
        meta.db_table,
        columns,
        ((code, *record.values()) for code, record in parsed.records.items() if code not in seen),
    )
    counts.created = written - counts.updated
    return counts


@transaction.atomic
def ai_exposure_import(
    *, parsed: ParsedExposure, on_step: Callable[[str, Counts], None] | None = None
) -> ImportSummary:
    """Bring AiExposure in line with `parsed`; records a DataRelease when anything changed.
    Any error rolls the whole import back."""
    started = time.perf_counter()
    summary = ImportSummary(
        release=None,
        version=parsed.version,
        rows_read=parsed.rows_read,
        rows_skipped=parsed.rows_skipped,
        skipped=list(parsed.skipped),
    )
    known = set(Occupation.objects.values_list("code", flat=True))
    unknown = sorted(set(parsed.records) - known)
    if known and unknown:
        summary.skipped.append(
            f"{len(unknown):,} codes not in the O*NET catalog (kept for a later release), "
            f"e.g. {', '.join(unknown[:3])}"
        )
    counts = _sync(parsed)
    summary.tables["ai_exposure"] = counts
    if on_step is not None:
        on_step("ai_exposure", counts)
    summary.seconds = parsed.seconds + time.perf_counter() - started
    if counts.changed:
        record_release(
            source=DataRelease.Source.AI_EXPOSURE,
            summary=summary,
            location=parsed.location,
            file_format=parsed.file_format,
            files=parsed.files,
        )
    return summary
