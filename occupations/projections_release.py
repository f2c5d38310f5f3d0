"""Read the BLS Employment Projections "Occupation" workbook into plain records. No ORM here.

The data is sheet "Table 1.2": a title on row 1, the header on row 2, one row per National
Employment Matrix code, then footnotes. Employment, change and openings are in thousands. BLS
writes "—" where a value is not available, and ">=$239,200" for a median wage above the OEWS top
code. Header names carry the projection years ("Employment, 2024"), so columns are found by
pattern and the years read from them.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

from occupations.sources import Release, ReleaseError, number, text

SHEET = "Table 1.2"
HEADER_ROW = 2
TOTAL_CODE = "00-0000"
MATRIX_CODE_RE = re.compile(r"^\d{2}-\d{4}$")
NOT_AVAILABLE = frozenset({"—", "–"})
TOP_CODED_WAGE_RE = re.compile(r"^>=?\s*\$?\s*([\d,]+)$")
OCCUPATION_TYPES = frozenset({"Line item", "Summary"})
TENTH = Decimal("0.1")

# Record field → pattern of its header name (matched case-insensitively from the start).
# Both "Employment, YYYY" columns match EMPLOYMENT_RE; the earlier year is the base.
EMPLOYMENT_RE = re.compile(r"^employment, (\d{4})$", re.IGNORECASE)
COLUMN_PATTERNS = {
    "title": r"(\d{4} )?national employment matrix title$",
    "code": r"(\d{4} )?national employment matrix code$",
    "occupation_type": r"occupation type$",
    "change_number": r"employment change, numeric\b",
    "change_percent": r"employment change, percent\b",
    "self_employed_percent": r"percent self[- ]employed\b",
    "openings": r"occupational openings\b.*annual average",
    "median_wage": r"median annual wage\b",
    "education": r"typical education needed for entry$",
    "work_experience": r"work experience in a related occupation$",
    "job_training": r"typical on-the-job training\b",
}
# Decimal field → the largest magnitude its database column holds.
DECIMAL_LIMITS = {
    "employment_base": Decimal("99999999.9"),
    "employment_projected": Decimal("99999999.9"),
    "change_number": Decimal("99999999.9"),
    "change_percent": Decimal("99999.9"),
    "self_employed_percent": Decimal("100.0"),
    "openings": Decimal("99999999.9"),
}
TEXT_LIMITS = {"title": 200, "education": 100, "work_experience": 100, "job_training": 100}
LARGEST_WAGE = 2_147_483_647

# Projection field names in the order ProjectionRecord.values() gives them.
FIELDS = (
    "title",
    "occupation_type",
    "employment_base",
    "employment_projected",
    "change_number",
    "change_percent",
    "self_employed_percent",
    "openings",
    "median_wage",
    "median_wage_top_coded",
    "education",
    "work_experience",
    "job_training",
)


@dataclass(frozen=True, slots=True)
class ProjectionRecord:
    line: int
    code: str
    title: str
    occupation_type: str
    employment_base: Decimal | None
    employment_projected: Decimal | None
    change_number: Decimal | None
    change_percent: Decimal | None
    self_employed_percent: Decimal | None
    openings: Decimal | None
    median_wage: int | None
    median_wage_top_coded: bool
    education: str
    work_experience: str
    job_training: str

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in FIELDS)


@dataclass
class ParsedProjections:
    version: str
    base_year: int
    projected_year: int
    location: str
    file_format: str = "excel"
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    records: dict[str, ProjectionRecord] = field(default_factory=dict)
    rows_read: int = 0
    rows_skipped: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True)
class Columns:
    """Header names of the columns the importer reads, and the years they are about."""

    names: dict[str, str]
    base_year: int
    projected_year: int


def find_columns(header: list[str], *, file: str) -> Columns:
    """Map record fields to header names; a missing column is an error on the header line."""
    names: dict[str, str] = {}
    missing = []
    for name, pattern in COLUMN_PATTERNS.items():
        found = next((h for h in header if re.match(pattern, h, re.IGNORECASE)), None)
        if found is None:
            missing.append(name.replace("_", " "))
        else:
            names[name] = found
    years = sorted((int(m.group(1)), h) for h in header if (m := EMPLOYMENT_RE.match(h)))
    if len(years) != 2 or years[0][0] >= years[1][0]:
        missing.append("employment in the base and projected years ('Employment, 2024')")
    if missing:
        shown = ", ".join(repr(h) for h in header[:16])
        raise ReleaseError(
            f"is not the projections header: no column for {', '.join(missing)}; found {shown}",
            file=file,
            line=HEADER_ROW,
        )
    names["employment_base"] = years[0][1]
    names["employment_projected"] = years[1][1]
    return Columns(names=names, base_year=years[0][0], projected_year=years[1][0])


class _Reader:
    def __init__(self, columns: Columns, file: str) -> None:
        self.columns = columns.names
        self.file = file

    def error(self, problem: str, line: int) -> ReleaseError:
        return ReleaseError(problem, file=self.file, line=line)

    def text(self, row: dict[str, object], name: str, line: int) -> str:
        value = text(row, self.columns[name])
        if value in NOT_AVAILABLE:
            return ""
        limit = TEXT_LIMITS.get(name)
        if limit is not None and len(value) > limit:
            raise self.error(
                f"{self.columns[name]!r} is longer than {limit} characters: {value[:40]!r}…", line
            )
        return value

    def decimal(self, row: dict[str, object], name: str, line: int) -> Decimal | None:
        column = self.columns[name]
        if text(row, column) in NOT_AVAILABLE:
            return None
        found = number(row, column, file=self.file, line=line)
        if found is None or not math.isfinite(found):
            raise self.error(f"{column!r} is not a number: {row.get(column)!r}", line)
        value = Decimal(repr(found)).quantize(TENTH)
        if abs(value) > DECIMAL_LIMITS[name] or (name == "self_employed_percent" and value < 0):
            raise self.error(f"{column!r} is out of range: {row.get(column)!r}", line)
        return value

    def wage(self, row: dict[str, object], line: int) -> tuple[int | None, bool]:
        column = self.columns["median_wage"]
        raw = text(row, column)
        if raw in NOT_AVAILABLE:
            return None, False
        if TOP_CODED_WAGE_RE.match(raw):
            return None, True
        found = number(row, column, file=self.file, line=line)
        if found is None or not math.isfinite(found) or not 0 <= found <= LARGEST_WAGE:
            raise self.error(f"{column!r} is not a wage in dollars: {row.get(column)!r}", line)
        return round(found), False

    def record(self, row: dict[str, object], code: str, line: int) -> ProjectionRecord:
        if not MATRIX_CODE_RE.match(code):
            raise self.error(
                f"{self.columns['code']!r} {code!r} is not a matrix code like 43-4051", line
            )
        occupation_type = text(row, self.columns["occupation_type"])
        if occupation_type not in OCCUPATION_TYPES:
            raise self.error(
                f"{self.columns['occupation_type']!r} is {occupation_type!r}, "
                "expected 'Line item' or 'Summary'",
                line,
            )
        title = self.text(row, "title", line)
        if not title:
            raise self.error(f"{self.columns['title']!r} is empty", line)
        wage, top_coded = self.wage(row, line)
        return ProjectionRecord(
            line=line,
            code=code,
            title=title,
            occupation_type=occupation_type,
            employment_base=self.decimal(row, "employment_base", line),
            employment_projected=self.decimal(row, "employment_projected", line),
            change_number=self.decimal(row, "change_number", line),
            change_percent=self.decimal(row, "change_percent", line),
            self_employed_percent=self.decimal(row, "self_employed_percent", line),
            openings=self.decimal(row, "openings", line),
            median_wage=wage,
            median_wage_top_coded=top_coded,
            education=self.text(row, "education", line),
            work_experience=self.text(row, "work_experience", line),
            job_training=self.text(row, "job_training", line),
        )


def parse_release(release: Release) -> ParsedProjections:
    """Read Table 1.2 of the release's one workbook."""
    started = time.perf_counter()
    table = release.only_table()
    if table.suffix != ".xlsx":
        raise ReleaseError(
            "is not an Excel workbook; expected the BLS occupation.xlsx", file=table.name
        )
    rows = table.rows(sheet=SHEET, header_row=HEADER_ROW)
    first = next(rows, None)
    if first is None:
        raise ReleaseError(f"sheet {SHEET!r} has no rows below its header", file=table.name)
    columns = find_columns(list(first[1]), file=table.name)
    parsed = ParsedProjections(
        version=f"{columns.base_year}–{columns.projected_year}",
        base_year=columns.base_year,
        projected_year=columns.projected_year,
        location=release.location,
    )
    reader = _Reader(columns, table.name)
    notes = 0
    for line, row in (first, *rows):
        parsed.rows_read += 1
        code = text(row, columns.names["code"])
        if not code and not text(row, columns.names["occupation_type"]):
            # "Footnotes:", "[1] Data are from …", "Source: …" below the table.
            notes += 1
            continue
        record = reader.record(row, code, line)
        earlier = parsed.records.get(code)
        if earlier is not None:
            raise reader.error(f"repeats matrix code {code} (first on line {earlier.line})", line)
        parsed.records[code] = record
    if TOTAL_CODE not in parsed.records:
        raise ReleaseError(
            f"has no 'Total, all occupations' row ({TOTAL_CODE}), which the outlook labels "
            "compare with; is the file complete?",
            file=table.name,
        )
    if notes:
        parsed.skipped.append(f"{notes:,} footnote rows below the table")
    parsed.rows_skipped = notes
    parsed.files[table.name] = {"sha256": table.sha256(), "rows": parsed.rows_read}
    parsed.seconds = time.perf_counter() - started
    return parsed
