"""Read the "GPTs are GPTs" occupation-level exposure table into plain records. No ORM here.

Eloundou, Manning, Mishkin & Rock, Science 384 (2024), MIT licence: one row per O*NET-SOC code
with `O*NET-SOC Code, Title`, then α, β, γ as rated by a model (`dv_rating_*`) and by people
(`human_rating_*`), each a share from 0 to 1. Columns are found by header name.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

from occupations.sources import Release, ReleaseError, number, text

ONET_SOC_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
CODE = "O*NET-SOC Code"
TITLE = "Title"
# Record field → header name in the published file.
SHARES = {
    "human_alpha": "human_rating_alpha",
    "human_beta": "human_rating_beta",
    "human_gamma": "human_rating_gamma",
    "model_alpha": "dv_rating_alpha",
    "model_beta": "dv_rating_beta",
    "model_gamma": "dv_rating_gamma",
}
FIELDS = ("title", *SHARES)
PLACES = Decimal("0.0001")
TITLE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ExposureRecord:
    line: int
    code: str
    title: str
    human_alpha: Decimal
    human_beta: Decimal
    human_gamma: Decimal
    model_alpha: Decimal
    model_beta: Decimal
    model_gamma: Decimal

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in FIELDS)


@dataclass
class ParsedExposure:
    location: str
    file_format: str = "csv"
    version: str = "2024"
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    records: dict[str, ExposureRecord] = field(default_factory=dict)
    rows_read: int = 0
    rows_skipped: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _share(row: dict[str, object], column: str, *, file: str, line: int) -> Decimal:
    found = number(row, column, file=file, line=line)
    if found is None or not math.isfinite(found) or not 0 <= found <= 1:
        raise ReleaseError(
            f"{column!r} is not a share from 0 to 1: {row.get(column)!r}", file=file, line=line
        )
    return Decimal(repr(found)).quantize(PLACES)


def parse_release(release: Release) -> ParsedExposure:
    """Read the release's one table (csv, csv.gz or xlsx, alone or in a zip)."""
    started = time.perf_counter()
    table = release.only_table()
    parsed = ParsedExposure(location=release.location, file_format=release.file_format)
    for line, row in table.rows((CODE, TITLE, *SHARES.values())):
        parsed.rows_read += 1
        code = text(row, CODE)
        if not ONET_SOC_RE.match(code):
            raise ReleaseError(
                f"{CODE!r} {code!r} is not an O*NET-SOC code like 43-4051.00",
                file=table.name,
                line=line,
            )
        title = text(row, TITLE)
        if not title or len(title) > TITLE_LIMIT:
            raise ReleaseError(
                f"{TITLE!r} is empty or longer than {TITLE_LIMIT} characters",
                file=table.name,
                line=line,
            )
        earlier = parsed.records.get(code)
        if earlier is not None:
            raise ReleaseError(
                f"repeats {code} (first on line {earlier.line})", file=table.name, line=line
            )
        shares = {
            name: _share(row, column, file=table.name, line=line) for name, column in SHARES.items()
        }
        parsed.records[code] = ExposureRecord(line=line, code=code, title=title, **shares)
    if not parsed.records:
        raise ReleaseError(
            "has a header but no occupations; is the file complete?", file=table.name
        )
    parsed.files[table.name] = {"sha256": table.sha256(), "rows": parsed.rows_read}
    parsed.seconds = time.perf_counter() - started
    return parsed
