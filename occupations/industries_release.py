"""Read the BLS OEWS national industry-specific estimates into plain records. No ORM here.

The official layout (oesm25in4.zip; every industry level in one table, told apart by I_GROUP):
one row per occupation × industry × ownership. Only detailed occupations are kept, the level
our occupations have pay for. Columns are found by header name; `*` and `**` mean not
available, `#` a wage at or above the top code.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

from occupations.oews_release import FILE_FORMATS, NOT_AVAILABLE, TOP_CODED, release_version
from occupations.sources import Release, ReleaseError, text

SOC_CODE_RE = re.compile(r"^\d{2}-\d{4}$")
# Sectors may be ranges ("31-33" Manufacturing), and OEWS joins some industries under its own
# codes ("3250A1"): two digits, then up to four digits, capitals or a dash.
NAICS_RE = re.compile(r"^\d{2}[0-9A-Z-]{0,4}$")
LEVELS = frozenset({"cross-industry", "sector", "3-digit", "4-digit", "5-digit", "6-digit"})
REQUIRED = (
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "O_GROUP",
    "TOT_EMP",
    "PCT_TOTAL",
    "A_MEDIAN",
)
FIELDS = (
    "naics_title",
    "level",
    "employment",
    "share_of_industry",
    "annual_median",
    "annual_median_top_coded",
)
LARGEST_INTEGER = 2_147_483_647
CENT = Decimal("0.01")
TITLE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class IndustryRecord:
    line: int
    naics_title: str
    level: str
    employment: int | None
    share_of_industry: Decimal | None
    annual_median: int | None
    annual_median_top_coded: bool

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in FIELDS)


# (SOC code, NAICS code, ownership) → record
Key = tuple[str, str, str]


@dataclass
class ParsedIndustries:
    version: str
    file_format: str
    location: str
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    records: dict[Key, IndustryRecord] = field(default_factory=dict)
    rows_read: int = 0
    rows_skipped: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _number(row: dict[str, object], column: str, *, file: str, line: int) -> float | None:
    raw = text(row, column).replace(",", "")
    if raw in NOT_AVAILABLE:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ReleaseError(f"{column!r} is not a number: {raw!r}", file=file, line=line) from None
    if not math.isfinite(value) or value < 0:
        raise ReleaseError(f"{column!r} is out of range: {raw!r}", file=file, line=line)
    return value


def _record(row: dict[str, object], *, file: str, line: int) -> tuple[Key, IndustryRecord]:
    soc, naics, level = text(row, "OCC_CODE"), text(row, "NAICS"), text(row, "I_GROUP").lower()
    if not SOC_CODE_RE.match(soc):
        raise ReleaseError(
            f"'OCC_CODE' {soc!r} is not a SOC code like 43-4051", file=file, line=line
        )
    if not NAICS_RE.match(naics):
        raise ReleaseError(f"'NAICS' {naics!r} is not a NAICS code", file=file, line=line)
    if level not in LEVELS:
        raise ReleaseError(
            f"'I_GROUP' is {level!r}, expected one of {', '.join(sorted(LEVELS))}",
            file=file,
            line=line,
        )
    title = text(row, "NAICS_TITLE")
    if not title or len(title) > TITLE_LIMIT:
        raise ReleaseError(
            f"'NAICS_TITLE' is empty or longer than {TITLE_LIMIT} characters", file=file, line=line
        )
    employment = _number(row, "TOT_EMP", file=file, line=line)
    share = _number(row, "PCT_TOTAL", file=file, line=line)
    if share is not None and share > 100:
        raise ReleaseError(f"'PCT_TOTAL' is over 100: {share!r}", file=file, line=line)
    top_coded = text(row, "A_MEDIAN") == TOP_CODED
    median = None if top_coded else _number(row, "A_MEDIAN", file=file, line=line)
    for column, value in (("TOT_EMP", employment), ("A_MEDIAN", median)):
        if value is not None and value > LARGEST_INTEGER:
            raise ReleaseError(f"{column!r} is out of range: {value!r}", file=file, line=line)
    return (soc, naics, text(row, "OWN_CODE")), IndustryRecord(
        line=line,
        naics_title=title,
        level=level,
        employment=None if employment is None else round(employment),
        share_of_industry=None if share is None else Decimal(repr(share)).quantize(CENT),
        annual_median=None if median is None else round(median),
        annual_median_top_coded=top_coded,
    )


def parse_release(release: Release) -> ParsedIndustries:
    started = time.perf_counter()
    table = release.only_table()
    parsed = ParsedIndustries(
        version=release_version(release.location, table.name),
        file_format=FILE_FORMATS.get(table.suffix, table.suffix.lstrip(".")),
        location=release.location,
    )
    other = 0
    for line, row in table.rows(REQUIRED, upper_case=True):
        parsed.rows_read += 1
        if text(row, "O_GROUP").lower() != "detailed":
            other += 1
            continue
        key, record = _record(row, file=table.name, line=line)
        earlier = parsed.records.get(key)
        if earlier is not None:
            raise ReleaseError(
                f"repeats {key[0]} in NAICS {key[1]}, ownership {key[2]} (first on line "
                f"{earlier.line})",
                file=table.name,
                line=line,
            )
        parsed.records[key] = record
    if not parsed.records:
        raise ReleaseError(
            "has no detailed-occupation rows; is the file complete?", file=table.name
        )
    if other:
        parsed.skipped.append(f"{other:,} rows of major, minor, broad or total occupation groups")
    parsed.rows_skipped = other
    parsed.files[table.name] = {"sha256": table.sha256(), "rows": parsed.rows_read}
    parsed.seconds = time.perf_counter() - started
    return parsed
