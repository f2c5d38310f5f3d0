"""Write a parsed Employment Projections table into Projection, in one transaction.

Stored rows are compared with the release and only the differences are written, so importing
the same release twice changes nothing. A release replaces the previous one: rows it no
longer has are deleted.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from occupations.bulk import Counts, ImportSummary, one_table_import, sync_rows
from occupations.models import DataRelease, Projection
from occupations.projections_release import FIELDS, ParsedProjections


@transaction.atomic
def projections_import(
    *, parsed: ParsedProjections, on_step: Callable[[str, Counts], None] | None = None
) -> ImportSummary:
    """Bring Projection in line with `parsed`; records a DataRelease when anything changed.
    Any error rolls the whole import back."""
    return one_table_import(
        parsed=parsed,
        source=DataRelease.Source.PROJECTIONS,
        table="projections",
        sync=lambda: sync_rows(
            Projection,
            keys=("code",),
            fields=(*FIELDS, "base_year", "projected_year"),
            records=parsed.records,
            extra=(parsed.base_year, parsed.projected_year),
        ),
        on_step=on_step,
    )
