"""Write a parsed AI exposure table into AiExposure, in one transaction.

Only differences are written, so importing the same file twice changes nothing; codes the file
no longer has are deleted. Codes our O*NET catalog lacks are kept (a later O*NET release may
have them) and counted in the summary.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from occupations.ai_exposure_release import FIELDS, ParsedExposure
from occupations.bulk import Counts, ImportSummary, one_table_import, sync_rows
from occupations.models import AiExposure, DataRelease, Occupation


@transaction.atomic
def ai_exposure_import(
    *, parsed: ParsedExposure, on_step: Callable[[str, Counts], None] | None = None
) -> ImportSummary:
    """Bring AiExposure in line with `parsed`; records a DataRelease when anything changed.
    Any error rolls the whole import back."""
    known = set(Occupation.objects.values_list("code", flat=True))
    unknown = sorted(set(parsed.records) - known)
    notes = []
    if known and unknown:
        notes.append(
            f"{len(unknown):,} codes not in the O*NET catalog (kept for a later release), "
            f"e.g. {', '.join(unknown[:3])}"
        )
    return one_table_import(
        parsed=parsed,
        source=DataRelease.Source.AI_EXPOSURE,
        table="ai_exposure",
        sync=lambda: sync_rows(AiExposure, keys=("code",), fields=FIELDS, records=parsed.records),
        on_step=on_step,
        notes=notes,
    )
