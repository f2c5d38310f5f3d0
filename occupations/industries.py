"""Which industries employ an occupation, and where it is most common, from OEWS by industry.

One query per occupation: its cross-industry total, sector and 4-digit rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from occupations.models import IndustryEstimate

SHOWN = 5
# The cross-industry row with every ownership: the occupation's national total.
ALL_OWNERSHIPS = "1235"


@dataclass(frozen=True)
class IndustryRow:
    naics: str
    title: str
    employment: int | None
    share: Decimal | float | None  # of the occupation's jobs, or of the industry's
    annual_median: int | None
    top_coded: bool


@dataclass(frozen=True)
class Industries:
    employers: list[IndustryRow]  # sectors, largest share of the occupation's jobs first
    most_common: list[IndustryRow]  # 4-digit industries, largest share of their jobs first

    def __bool__(self) -> bool:
        return bool(self.employers or self.most_common)


def industries_of(soc_code: str) -> Industries:
    rows = list(
        IndustryEstimate.objects.filter(
            soc_code=soc_code,
            level__in=(
                IndustryEstimate.Level.CROSS_INDUSTRY,
                IndustryEstimate.Level.SECTOR,
                IndustryEstimate.Level.DIGIT_4,
            ),
        )
    )
    total = next(
        (
            row.employment
            for row in rows
            if row.level == IndustryEstimate.Level.CROSS_INDUSTRY
            and row.ownership == ALL_OWNERSHIPS
        ),
        None,
    )
    sectors = sorted(
        (row for row in rows if row.level == IndustryEstimate.Level.SECTOR and row.employment),
        key=lambda row: (-row.employment, row.naics),
    )
    employers = [
        _row(row, share=100 * row.employment / total if total else None) for row in sectors[:SHOWN]
    ]
    digits = sorted(
        (
            row
            for row in rows
            if row.level == IndustryEstimate.Level.DIGIT_4 and row.share_of_industry is not None
        ),
        key=lambda row: (-row.share_of_industry, row.naics),
    )
    return Industries(
        employers=employers,
        most_common=[_row(row, share=row.share_of_industry) for row in digits[:SHOWN]],
    )


def _row(row: IndustryEstimate, *, share: Decimal | float | None) -> IndustryRow:
    return IndustryRow(
        naics=row.naics,
        title=row.naics_title,
        employment=row.employment,
        share=share,
        annual_median=row.annual_median,
        top_coded=row.annual_median_top_coded,
    )
