"""Read a BLS OEWS release into plain records. No ORM here.

A release is one table: the official "all data" workbook (an .xlsx inside a .zip, every industry)
or a cross-industry extract in .csv / .csv.gz. Only cross-industry rows are kept. Headers are
matched case-insensitively: BLS has published both `OCC_CODE` and `occ_code`.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from occupations.sources import Release, ReleaseError, number, text

SOC_CODE_RE = re.compile(r"^\d{2}-\d{4}$")
# Area.Type's values, repeated so that this module stays free of the ORM.
AREA_TYPES = frozenset({1, 2, 3, 4, 6})
# `*`, `**`: estimate not available; `~`: under 0.5 % of establishments reported the occupation.
NOT_AVAILABLE = frozenset({"", "*", "**", "~"})
# `#`: wage at or above the top code ($115.00/hour, $239,200/year); the true value is unknown.
TOP_CODED = "#"
REPORT_EVERY = 25_000
FILE_FORMATS = {".xlsx": "excel", ".csv": "csv", ".csv.gz": "csv.gz"}

# Field sizes of Area and WageEstimate; a longer value would fail in the database, not here.
MAX_LENGTHS = {
    "AREA": 10,
    "AREA_TITLE": 200,
    "PRIM_STATE": 20,
    "OCC_TITLE": 200,
    "O_GROUP": 20,
}
LARGEST_INTEGER = 2_147_483_647
LARGEST_HOURLY = Decimal("999999.99")
CENT = Decimal("0.01")

# OEWS column → (WageEstimate field, type stored).
VALUE_COLUMNS: dict[str, tuple[str, type]] = {
    "TOT_EMP": ("employment", int),
    "EMP_PRSE": ("employment_rse", float),
    "JOBS_1000": ("jobs_per_1000", float),
    "LOC_QUOTIENT": ("location_quotient", float),
    "H_MEAN": ("hourly_mean", Decimal),
    "A_MEAN": ("annual_mean", int),
    "MEAN_PRSE": ("mean_rse", float),
    "H_PCT10": ("hourly_p10", Decimal),
    "H_PCT25": ("hourly_p25", Decimal),
    "H_MEDIAN": ("hourly_median", Decimal),
    "H_PCT75": ("hourly_p75", Decimal),
    "H_PCT90": ("hourly_p90", Decimal),
    "A_PCT10": ("annual_p10", int),
    "A_PCT25": ("annual_p25", int),
    "A_MEDIAN": ("annual_median", int),
    "A_PCT75": ("annual_p75", int),
    "A_PCT90": ("annual_p90", int),
}
VALUE_FIELDS = tuple(name for name, _kind in VALUE_COLUMNS.values())
REQUIRED_COLUMNS = (
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    *VALUE_COLUMNS,
)

Number = int | float | Decimal
AreaKey = tuple[int, str]


@dataclass(frozen=True, slots=True)
class AreaRecord:
    area_type: int
    code: str
    title: str
    primary_state: str


@dataclass(frozen=True, slots=True)
class EstimateRecord:
    line: int
    area: AreaKey
    soc_code: str
    occupation_title: str
    group: str
    # In VALUE_FIELDS order; None where the release has no number.
    values: tuple[Number | None, ...]
    # WageEstimate field names whose value was top-coded (`#`).
    top_coded: tuple[str, ...] = ()


@dataclass
class ParsedRelease:
    """The cross-industry rows of one release, keyed for the importer's comparisons."""

    version: str
    file_format: str
    location: str
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    areas: dict[AreaKey, AreaRecord] = field(default_factory=dict)
    estimates: dict[tuple[AreaKey, str], EstimateRecord] = field(default_factory=dict)
    rows_read: int = 0
    rows_skipped: int = 0
    seconds: float = 0.0
    # Why rows were left out, e.g. "1,234 industry-specific rows (only cross-industry …)".
    skipped: list[str] = field(default_factory=list)


def release_version(*names: str) -> str:
    """Tell the release month from a file name: oesm25all.zip, all_data_M_2025.xlsx, may2025."""
    for name in names:
        base = PurePosixPath(name).name.lower()
        found = re.search(r"oesm(\d{2})", base)
        if found:
            return f"May 20{found.group(1)}"
        found = re.search(r"may[_ -]?(\d{4})", base) or re.search(r"_m_?(\d{4})", base)
        if found:
            return f"May {found.group(1)}"
    return ""


_UNSEEN = object()


class _Reader:
    """Turns rows into records, remembering every distinct cell it has already converted.

    Cells repeat heavily (wages and titles across areas, area fields on every row of an area):
    converting each distinct cell once, and sharing the result, makes a quarter of a million
    rows several times faster to read and far smaller to hold.
    """

    def __init__(self, parsed: ParsedRelease, file: str) -> None:
        self.parsed = parsed
        self.file = file
        self.areas: dict[tuple[object, ...], AreaKey] = {}
        self.soc_codes: dict[object, str] = {}
        self.texts: dict[tuple[str, object], str] = {}
        self.numbers: dict[type, dict[object, Number | str | None]] = {
            kind: dict.fromkeys((None, *NOT_AVAILABLE)) | {TOP_CODED: TOP_CODED}
            for kind in (int, float, Decimal)
        }
        self.plan = [
            (column, name, kind, self.numbers[kind])
            for column, (name, kind) in VALUE_COLUMNS.items()
        ]

    def error(self, problem: str, line: int) -> ReleaseError:
        return ReleaseError(problem, file=self.file, line=line)

    def string(self, row: dict[str, object], column: str, line: int) -> str:
        raw = row.get(column)
        known = self.texts.get((column, raw))
        if known is None:
            known = text(row, column)
            if len(known) > MAX_LENGTHS[column]:
                raise self.error(
                    f"{column!r} is longer than {MAX_LENGTHS[column]} characters: {known[:40]!r}…",
                    line,
                )
            self.texts[(column, raw)] = known
        return known

    def soc_code(self, row: dict[str, object], line: int) -> str:
        raw = row.get("OCC_CODE")
        known = self.soc_codes.get(raw)
        if known is None:
            known = text(row, "OCC_CODE")
            if not SOC_CODE_RE.match(known):
                raise self.error(f"'OCC_CODE' {known!r} is not a SOC code like 43-4051", line)
            self.soc_codes[raw] = known
        return known

    def area(self, row: dict[str, object], line: int) -> AreaKey:
        raw = (row.get("AREA_TYPE"), row.get("AREA"), row.get("AREA_TITLE"), row.get("PRIM_STATE"))
        key = self.areas.get(raw)
        if key is not None:
            return key
        area_type = text(row, "AREA_TYPE")
        if not area_type.isdigit() or int(area_type) not in AREA_TYPES:
            known = ", ".join(str(code) for code in sorted(AREA_TYPES))
            raise self.error(f"unknown 'AREA_TYPE' {area_type!r} (expected one of {known})", line)
        record = AreaRecord(
            area_type=int(area_type),
            code=self.string(row, "AREA", line),
            title=self.string(row, "AREA_TITLE", line),
            primary_state=self.string(row, "PRIM_STATE", line),
        )
        key = (record.area_type, record.code)
        earlier = self.parsed.areas.setdefault(key, record)
        if earlier != record:
            raise self.error(
                f"area {record.code} is {record.title!r} ({record.primary_state}) here but "
                f"{earlier.title!r} ({earlier.primary_state}) above",
                line,
            )
        self.areas[raw] = key
        return key

    def convert(self, row: dict[str, object], column: str, kind: type, line: int) -> object:
        raw = row.get(column)
        if isinstance(raw, str):
            stripped = raw.strip()
            if stripped in NOT_AVAILABLE:
                return None
            if stripped == TOP_CODED:
                return TOP_CODED
        found = number(row, column, file=self.file, line=line)
        if not math.isfinite(found):
            raise self.error(f"{column!r} is not a number: {raw!r}", line)
        if found < 0:
            raise self.error(f"{column!r} is negative: {raw!r}", line)
        if kind is float:
            return found
        if kind is int:
            if not found.is_integer() or found > LARGEST_INTEGER:
                raise self.error(f"{column!r} is not a whole number in range: {raw!r}", line)
            return int(found)
        value = Decimal(repr(found)).quantize(CENT)
        if value > LARGEST_HOURLY:
            raise self.error(f"{column!r} is out of range: {raw!r}", line)
        return value

    def estimate(self, row: dict[str, object], line: int) -> None:
        area = self.area(row, line)
        soc_code = self.soc_code(row, line)
        key = (area, soc_code)
        earlier = self.parsed.estimates.get(key)
        if earlier is not None:
            title = self.parsed.areas[area].title
            raise self.error(f"repeats {soc_code} in {title} (first on line {earlier.line})", line)
        values: list[Number | None] = []
        top_coded: list[str] = []
        for column, name, kind, known in self.plan:
            raw = row.get(column)
            value = known.get(raw, _UNSEEN)
            if value is _UNSEEN:
                value = known[raw] = self.convert(row, column, kind, line)
            if value is TOP_CODED:
                top_coded.append(name)
                value = None
            values.append(value)
        self.parsed.estimates[key] = EstimateRecord(
            line=line,
            area=area,
            soc_code=soc_code,
            occupation_title=self.string(row, "OCC_TITLE", line),
            group=self.string(row, "O_GROUP", line).lower(),
            values=tuple(values),
            top_coded=tuple(top_coded),
        )


def _is_cross_industry(row: dict[str, object]) -> bool:
    # The all-data workbook repeats every occupation per industry and ownership; the
    # cross-industry total is NAICS 000000 (000001 is private industry only).
    naics = row.get("NAICS")
    return naics is None or naics == "000000" or not text(row, "NAICS").strip("0")


def parse_rows(
    rows: Iterable[tuple[int, dict[str, object]]],
    parsed: ParsedRelease,
    *,
    file: str,
    on_rows: Callable[[int], None] | None = None,
) -> None:
    """Add the (line, row) pairs of one OEWS table to `parsed`; keys are upper-case headers."""
    reader = _Reader(parsed, file)
    other_industries = 0
    notes = 0
    for line, row in rows:
        parsed.rows_read += 1
        if on_rows is not None and parsed.rows_read % REPORT_EVERY == 0:
            on_rows(parsed.rows_read)
        if not _is_cross_industry(row):
            other_industries += 1
        elif not row.get("OCC_CODE") and not text(row, "AREA_TYPE"):
            # Footnote lines below the data in some workbooks.
            notes += 1
        else:
            reader.estimate(row, line)
    if other_industries:
        parsed.skipped.append(
            f"{other_industries:,} industry-specific rows (only cross-industry rows are kept)"
        )
    if notes:
        parsed.skipped.append(f"{notes:,} note rows without an area type or occupation code")
    parsed.rows_skipped += other_industries + notes


def parse_release(
    release: Release,
    *,
    version: str = "",
    on_rows: Callable[[int], None] | None = None,
) -> ParsedRelease:
    """Read the release's one table. `on_rows(count)` is called every REPORT_EVERY rows."""
    started = time.perf_counter()
    table = release.only_table()
    parsed = ParsedRelease(
        version=version or release_version(release.location, table.name),
        file_format=FILE_FORMATS.get(table.suffix, table.suffix.lstrip(".")),
        location=release.location,
    )
    parse_rows(
        table.rows(REQUIRED_COLUMNS, upper_case=True),
        parsed,
        file=table.name,
        on_rows=on_rows,
    )
    if not parsed.estimates:
        raise ReleaseError("has no cross-industry rows", file=table.name)
    parsed.files[table.name] = {"sha256": table.sha256(), "rows": parsed.rows_read}
    parsed.seconds = time.perf_counter() - started
    return parsed
