from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from assessments.roster_order import arrange


@dataclass(frozen=True)
class Row:
    name: str
    email: str
    status: str
    holland_code: str
    date: datetime | None


ANN = Row("Ann", "ann@example.com", "done", "SIA", datetime(2026, 1, 2, tzinfo=UTC))
BOB = Row("bob", "bob@school.example", "in_progress", "", datetime(2026, 1, 5, tzinfo=UTC))
CY = Row("Cy", "cy@example.com", "not_started", "", None)
DEE = Row("Dee", "dee@example.com", "done", "RIC", datetime(2026, 1, 1, tzinfo=UTC))
ROWS = [CY, DEE, BOB, ANN]


def names(rows: list[Row]) -> list[str]:
    return [row.name for row in rows]


def test_by_default_rows_are_in_name_order_ignoring_case():
    assert names(arrange(ROWS)) == ["Ann", "bob", "Cy", "Dee"]


def test_search_matches_name_or_email_ignoring_case():
    assert names(arrange(ROWS, q="SCHOOL")) == ["bob"]
    assert names(arrange(ROWS, q="d")) == ["Dee"]


def test_filters_by_status_and_first_holland_letter():
    assert names(arrange(ROWS, status="done")) == ["Ann", "Dee"]
    assert names(arrange(ROWS, holland="R")) == ["Dee"]
    assert names(arrange(ROWS, holland="I")) == []


def test_sorts_by_date_either_way_with_undated_rows_last():
    assert names(arrange(ROWS, sort="-date")) == ["bob", "Ann", "Dee", "Cy"]
    assert names(arrange(ROWS, sort="date")) == ["Dee", "Ann", "bob", "Cy"]


def test_sorts_by_status_done_first_and_by_holland_code_with_blanks_last():
    assert names(arrange(ROWS, sort="status")) == ["Ann", "Dee", "bob", "Cy"]
    assert names(arrange(ROWS, sort="holland")) == ["Dee", "Ann", "bob", "Cy"]
