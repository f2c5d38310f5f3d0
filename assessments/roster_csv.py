"""A group's roster as CSV. Pure: rows in, text out.

Spreadsheet programs run a cell that starts with = + - or @ (and some with tab or carriage
return) as a formula, so any such text cell is prefixed with an apostrophe: a name typed as
`=HYPERLINK(...)` arrives as text, never as a live formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from assessments.top_careers import TopCareer
from careerfit.numbers import tenths

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TOP = 3


@dataclass(frozen=True)
class CsvMember:
    name: str
    email: str
    status: str
    finished: datetime | None
    holland_code: str
    traits: dict[str, float | None]  # trait name → percentage
    top: Sequence[TopCareer]


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def roster_csv(members: Sequence[CsvMember], trait_names: Sequence[str]) -> str:
    return header_line(trait_names) + "".join(member_lines(members, trait_names))


def header_line(trait_names: Sequence[str]) -> str:
    header: list[object] = ["Name", "Email", "Status", "Finished", "Holland code"]
    header += [f"{name} %" for name in trait_names]
    for rank in range(1, TOP + 1):
        header += [f"Career {rank} code", f"Career {rank} title", f"Career {rank} FIT"]
    return _line(header)


def member_lines(members: Iterable[CsvMember], trait_names: Sequence[str]) -> Iterator[str]:
    for member in members:
        row: list[object] = [
            member.name,
            member.email,
            member.status,
            member.finished.date().isoformat() if member.finished else "",
            member.holland_code,
        ]
        row += [_number(member.traits.get(name)) for name in trait_names]
        for rank in range(TOP):
            career = member.top[rank] if rank < len(member.top) else None
            row += [career.code, career.title, _number(career.fit)] if career else ["", "", ""]
        yield _line(row)


def _line(cells: Sequence[object]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()


def _number(value: float | None) -> object:
    return "" if value is None else tenths(value)
