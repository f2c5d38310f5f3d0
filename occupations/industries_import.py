"""Write parsed OEWS industry estimates into IndustryEstimate, in one transaction.

Only differences are written, so importing the same release twice changes nothing; rows the
release no longer has are deleted.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from occupations.bulk import Counts, ImportSummary, one_table_import, sync_rows
from occupations.industries_release import FIELDS, ParsedIndustries
from occupations.models import DataRelease, IndustryEstimate


@transaction.atomic
def industries_import(
    *, parsed: ParsedIndustries, on_step: Callable[[str, Counts], None] | None = None
) -> ImportSummary:
    """Bring IndustryEstimate in line with `parsed`; records a DataRelease when anything
    changed. Any error rolls the whole import back."""
    return one_table_import(
        parsed=parsed,
        source=DataRelease.Source.OEWS_INDUSTRIES,
        table="industry_estimates",
        sync=lambda: sync_rows(
            IndustryEstimate,
            keys=("soc_code", "naics", "ownership"),
            fields=FIELDS,
            records=parsed.records,
        ),
        on_step=on_step,
    )
