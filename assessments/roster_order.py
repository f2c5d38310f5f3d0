"""Search, filter and sort a roster's rows. Pure: works on anything shaped like a RosterRow."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from assessments.group_summary import STATUS_LABELS

STATUS_ORDER = {status: position for position, status in enumerate(STATUS_LABELS)}


class Row(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def holland_code(self) -> str: ...
    @property
    def date(self) -> datetime | None: ...


R = TypeVar("R", bound=Row)


def arrange(
    rows: Sequence[R], *, q: str = "", status: str = "", holland: str = "", sort: str = ""
) -> list[R]:
    needle = q.casefold()
    kept = [
        row
        for row in rows
        if (not needle or needle in row.name.casefold() or needle in row.email.casefold())
        and (not status or row.status == status)
        and (not holland or row.holland_code.startswith(holland))
    ]
    by_name = sorted(kept, key=lambda row: (row.name.casefold(), row.email.casefold()))
    if sort in ("date", "-date"):
        dated = [row for row in by_name if row.date is not None]
        undated = [row for row in by_name if row.date is None]
        # Rows without a date come last either way.
        return sorted(dated, key=lambda row: row.date, reverse=sort == "-date") + undated
    if sort == "status":
        # Done first: those are the rows with results to read.
        return sorted(by_name, key=lambda row: -STATUS_ORDER[row.status])
    if sort == "holland":
        return sorted(by_name, key=lambda row: (not row.holland_code, row.holland_code))
    return by_name
