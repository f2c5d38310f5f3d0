"""Read an O*NET release (text or Excel format) into plain records. No ORM here.

Every table is optional except Occupation Data's codes, which the other tables are checked against.
The table list is the official one; a table a release lacks is reported, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from occupations.sources import Release, ReleaseError, TableFile, number, text

CODE = "O*NET-SOC Code"
ONET_CODE_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")

# Official table name → the domain its descriptors belong to.
RATING_TABLES: dict[str, str] = {
    "Interests": "interests",
    "Work Styles": "work_styles",
    "Work Values": "work_values",
    "Skills": "skills",
    "Knowledge": "knowledge",
    "Abilities": "abilities",
    "Work Activities": "work_activities",
    "Work Context": "work_context",
    "Education, Training, and Experience": "education",
}
CATEGORY_TABLES = ("Education, Training, and Experience Categories", "Work Context Categories")

# Official scale ranges, used only when a release ships without Scales Reference (the 30.x text
# extract does) and the database has not seen the scale before.
KNOWN_SCALES: dict[str, tuple[str, float, float]] = {
    "IM": ("Importance", 1, 5),
    "LV": ("Level", 0, 7),
    "OI": ("Occupational Interests", 1, 7),
    "IH": ("Occupational Interest High-Point", 0, 6),
    "EX": ("Extent", 1, 7),
    "VH": ("Work Value High-Point", 1, 6),
    "WI": ("Work Styles Impact", -3, 3),
    "DR": ("Distinctiveness Rank", 0, 10),
    "CX": ("Context", 1, 5),
    "CT": ("Context", 1, 3),
    "CXP": ("Context (Categories 1-5)", 0, 100),
    "CTP": ("Context (Categories 1-3)", 0, 100),
    "RL": ("Required Level Of Education (Categories 1-12)", 0, 100),
    "RW": ("Related Work Experience (Categories 1-11)", 0, 100),
    "PT": ("On-Site Or In-Plant Training (Categories 1-9)", 0, 100),
    "OJ": ("On-The-Job Training (Categories 1-9)", 0, 100),
}

RIASEC_LETTERS = "RIASEC"


@dataclass(frozen=True)
class ScaleRecord:
    scale_id: str
    name: str
    minimum: float
    maximum: float


@dataclass(frozen=True)
class RatingRecord:
    line: int
    code: str
    element_id: str
    scale_id: str
    category: int
    value: float
    n: int | None
    standard_error: float | None
    lower_ci: float | None
    upper_ci: float | None
    recommend_suppress: bool
    not_relevant: bool
    date: str
    domain_source: str


@dataclass
class ParsedRelease:
    """Everything read from one release, keyed for the importer's comparisons."""

    version: str
    file_format: str
    location: str
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    scales: dict[str, ScaleRecord] = field(default_factory=dict)
    # element id → (name, description)
    content_model: dict[str, tuple[str, str]] = field(default_factory=dict)
    # code → (title, description)
    occupations: dict[str, tuple[str, str]] = field(default_factory=dict)
    job_zone_reference: dict[int, dict[str, str]] = field(default_factory=dict)
    job_zones: dict[str, int] = field(default_factory=dict)
    # domain → element id → name as printed in the data table
    element_names: dict[str, dict[str, str]] = field(default_factory=dict)
    ratings: dict[str, list[RatingRecord]] = field(default_factory=dict)
    # domain → the file its ratings came from, for error messages
    rating_files: dict[str, str] = field(default_factory=dict)
    # (element id, scale id, category) → description
    categories: dict[tuple[str, str, int], str] = field(default_factory=dict)
    # code → task id → (statement, type, incumbents responding)
    tasks: dict[str, dict[int, tuple[str, str, int | None]]] = field(default_factory=dict)
    # code → title → (short title, sources)
    alternate_titles: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # code → related code → (tier, index)
    related: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    rows_read: int = 0
    has_occupation_data: bool = True

    @property
    def tables_read(self) -> list[str]:
        return sorted(self.files)


def release_version(release: Release) -> str:
    """Tell the O*NET version from the folder/zip name (db_29_3_excel) or the Read Me."""
    found = re.search(r"db_(\d+)_(\d+)", release.location)
    if found:
        return f"{found.group(1)}.{found.group(2)}"
    readme = release.get("Read Me")
    if readme is not None and readme.suffix == ".txt":
        with readme.open() as stream:
            head = stream.read(4096).decode("utf-8", "replace")
        found = re.search(r"O\*NET\s+(\d+\.\d+)", head)
        if found:
            return found.group(1)
    return ""


def _flag(row: dict[str, object], column: str) -> bool:
    return text(row, column).upper() == "Y"


def _int_or_none(value: float | None) -> int | None:
    return None if value is None else round(value)


Reader = Callable[[TableFile, ParsedRelease], int]


def _read_scales(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows(("Scale ID", "Scale Name", "Minimum", "Maximum")):
        scale_id = text(row, "Scale ID")
        minimum = number(row, "Minimum", file=table.name, line=line)
        maximum = number(row, "Maximum", file=table.name, line=line)
        if maximum <= minimum:
            raise ReleaseError(
                f"scale {scale_id} has maximum {maximum:g} not above minimum {minimum:g}",
                file=table.name,
                line=line,
            )
        parsed.scales[scale_id] = ScaleRecord(scale_id, text(row, "Scale Name"), minimum, maximum)
        count += 1
    return count


def _read_content_model(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for _line, row in table.rows(("Element ID", "Element Name")):
        parsed.content_model[text(row, "Element ID")] = (
            text(row, "Element Name"),
            text(row, "Description"),
        )
        count += 1
    return count


def _read_occupations(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows((CODE, "Title")):
        code = text(row, CODE)
        if not ONET_CODE_RE.match(code):
            raise ReleaseError(
                f"{code!r} is not an O*NET-SOC code like 43-4051.00", file=table.name, line=line
            )
        parsed.occupations[code] = (text(row, "Title"), text(row, "Description"))
        count += 1
    return count


def _read_job_zone_reference(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows(("Job Zone", "Name")):
        zone = _int_or_none(number(row, "Job Zone", file=table.name, line=line))
        parsed.job_zone_reference[zone] = {
            "name": text(row, "Name"),
            "experience": text(row, "Experience"),
            "education": text(row, "Education"),
            "job_training": text(row, "Job Training"),
            "examples": text(row, "Examples"),
            "svp_range": text(row, "SVP Range"),
        }
        count += 1
    return count


def _read_job_zones(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows((CODE, "Job Zone")):
        zone = _int_or_none(number(row, "Job Zone", file=table.name, line=line))
        if zone is None or not 1 <= zone <= 5:
            raise ReleaseError(f"job zone {zone} is not 1–5", file=table.name, line=line)
        parsed.job_zones[_known_code(row, table, line, parsed)] = zone
        count += 1
    return count


def _read_categories(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows(("Element ID", "Scale ID", "Category", "Category Description")):
        category = _int_or_none(number(row, "Category", file=table.name, line=line))
        key = (text(row, "Element ID"), text(row, "Scale ID"), category)
        parsed.categories[key] = text(row, "Category Description")
        count += 1
    return count


def _read_tasks(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows((CODE, "Task ID", "Task")):
        code = _known_code(row, table, line, parsed)
        task_id = _int_or_none(number(row, "Task ID", file=table.name, line=line))
        task_type = text(row, "Task Type")
        if task_type not in {"Core", "Supplemental", ""}:
            raise ReleaseError(f"unknown task type {task_type!r}", file=table.name, line=line)
        incumbents = number(row, "Incumbents Responding", file=table.name, line=line, blank_ok=True)
        parsed.tasks.setdefault(code, {})[task_id] = (
            text(row, "Task"),
            task_type,
            _int_or_none(incumbents),
        )
        count += 1
    return count


def _read_alternate_titles(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows((CODE, "Alternate Title")):
        code = _known_code(row, table, line, parsed)
        parsed.alternate_titles.setdefault(code, {})[text(row, "Alternate Title")] = (
            text(row, "Short Title"),
            text(row, "Source(s)"),
        )
        count += 1
    return count


def _read_related(table: TableFile, parsed: ParsedRelease) -> int:
    count = 0
    for line, row in table.rows((CODE, "Related O*NET-SOC Code")):
        code = _known_code(row, table, line, parsed)
        related = _known_code(row, table, line, parsed, column="Related O*NET-SOC Code")
        index = _int_or_none(number(row, "Index", file=table.name, line=line, blank_ok=True))
        parsed.related.setdefault(code, {})[related] = (text(row, "Relatedness Tier"), index or 0)
        count += 1
    return count


def _known_code(
    row: dict[str, object],
    table: TableFile,
    line: int,
    parsed: ParsedRelease,
    column: str = CODE,
) -> str:
    code = text(row, column)
    if code not in parsed.occupations:
        raise ReleaseError(
            f"unknown O*NET-SOC code {code!r} in {column!r} (not in Occupation Data)",
            file=table.name,
            line=line,
        )
    return code


def _rating_reader(domain: str) -> Reader:
    def read(table: TableFile, parsed: ParsedRelease) -> int:
        records = parsed.ratings.setdefault(domain, [])
        parsed.rating_files[domain] = table.name
        names = parsed.element_names.setdefault(domain, {})
        count = 0
        has_category = None
        for line, row in table.rows((CODE, "Element ID", "Scale ID", "Data Value")):
            if has_category is None:
                has_category = "Category" in row
            code = _known_code(row, table, line, parsed)
            element_id = text(row, "Element ID")
            names.setdefault(element_id, text(row, "Element Name"))
            category = 0
            if has_category:
                found = number(row, "Category", file=table.name, line=line, blank_ok=True)
                category = _int_or_none(found) or 0
            records.append(
                RatingRecord(
                    line=line,
                    code=code,
                    element_id=element_id,
                    scale_id=text(row, "Scale ID"),
                    category=category,
                    value=number(row, "Data Value", file=table.name, line=line),
                    n=_int_or_none(number(row, "N", file=table.name, line=line, blank_ok=True)),
                    standard_error=number(
                        row, "Standard Error", file=table.name, line=line, blank_ok=True
                    ),
                    lower_ci=number(
                        row, "Lower CI Bound", file=table.name, line=line, blank_ok=True
                    ),
                    upper_ci=number(
                        row, "Upper CI Bound", file=table.name, line=line, blank_ok=True
                    ),
                    recommend_suppress=_flag(row, "Recommend Suppress"),
                    not_relevant=_flag(row, "Not Relevant"),
                    date=text(row, "Date")[:7],
                    domain_source=text(row, "Domain Source"),
                )
            )
            count += 1
        return count

    return read


# Order matters: codes and scales must be known before the tables that refer to them.
READERS: list[tuple[str, Reader]] = [
    ("Scales Reference", _read_scales),
    ("Content Model Reference", _read_content_model),
    ("Occupation Data", _read_occupations),
    ("Job Zone Reference", _read_job_zone_reference),
    ("Job Zones", _read_job_zones),
    *((name, _read_categories) for name in CATEGORY_TABLES),
    ("Task Statements", _read_tasks),
    ("Alternate Titles", _read_alternate_titles),
    ("Related Occupations", _read_related),
    *((name, _rating_reader(domain)) for name, domain in RATING_TABLES.items()),
]


def parse_release(
    release: Release,
    *,
    known_codes: set[str] | None = None,
    on_table: Callable[[str, int], None] | None = None,
) -> ParsedRelease:
    """Read every table the release has.

    `known_codes` stands in for Occupation Data when a release ships without it (the catalog
    already in the database). `on_table(name, rows)` is called after each table, for progress.
    """
    parsed = ParsedRelease(
        version=release_version(release),
        file_format="",
        location=release.location,
    )
    if release.get("Occupation Data") is None:
        if not known_codes:
            raise ReleaseError(
                "has no Occupation Data table and no catalog is loaded yet", file=release.location
            )
        parsed.occupations = {code: ("", "") for code in known_codes}
        parsed.has_occupation_data = False
    for name, reader in READERS:
        table = release.get(name)
        if table is None:
            parsed.missing.append(name)
            continue
        rows = reader(table, parsed)
        parsed.rows_read += rows
        parsed.files[table.name] = {"sha256": table.sha256(), "rows": rows}
        if on_table is not None:
            on_table(table.name, rows)
    if not parsed.files:
        raise ReleaseError("contains none of the O*NET tables", file=release.location)
    suffixes = {name.rsplit(".", 1)[-1] for name in parsed.files}
    parsed.file_format = {"xlsx": "excel", "txt": "text"}.get("+".join(sorted(suffixes)), "mixed")
    return parsed


def holland_code(high_points: list[tuple[str, float]]) -> str:
    """Letters of the interest high-points, ordered by element id (first, second, third).

    A high-point value is 1–6 for R, I, A, S, E, C and 0 for "none".
    """
    letters = []
    for _element_id, value in sorted(high_points):
        index = round(value)
        if 1 <= index <= 6 and RIASEC_LETTERS[index - 1] not in letters:
            letters.append(RIASEC_LETTERS[index - 1])
    return "".join(letters)


def is_high_point_scale(scale: ScaleRecord) -> bool:
    return "high-point" in scale.name.lower()
