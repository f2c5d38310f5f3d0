from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from assessments.roster_csv import CsvMember, roster_csv, safe_cell
from assessments.top_careers import TopCareer


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-x", "'-x"),
        ("@SUM(A1:A3)", "'@SUM(A1:A3)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ann = Able", "Ann = Able"),
        ("", ""),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_prefixed_with_a_quote(value, written):
    assert safe_cell(value) == written


def test_each_member_is_a_row_with_traits_and_three_careers():
    members = [
        CsvMember(
            name="=evil()",
            email="ann@example.com",
            status="Done",
            finished=datetime(2026, 3, 4, 15, 0, tzinfo=UTC),
            holland_code="RIC",
            traits={"Realistic": 91.256, "Dependability": None},
            top=(TopCareer("47-2111.00", "Electricians", 75.04),),
        ),
        CsvMember("Bob", "bob@example.com", "Not started", None, "", {}, ()),
    ]
    rows = list(csv.reader(io.StringIO(roster_csv(members, ["Realistic", "Dependability"]))))
    assert rows[0][:7] == [
        "Name",
        "Email",
        "Status",
        "Finished",
        "Holland code",
        "Realistic %",
        "Dependability %",
    ]
    assert rows[0][7:] == [
        f"Career {rank} {part}" for rank in (1, 2, 3) for part in ("code", "title", "FIT")
    ]
    assert rows[1] == [
        "'=evil()",
        "ann@example.com",
        "Done",
        "2026-03-04",
        "RIC",
        "91.3",
        "",
        "47-2111.00",
        "Electricians",
        "75.0",
        *[""] * 6,
    ]
    assert rows[2][:5] == ["Bob", "bob@example.com", "Not started", "", ""]
