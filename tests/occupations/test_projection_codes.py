from __future__ import annotations

import pytest

from occupations.projection_codes import Match, candidate_codes, match

MATRIX = {"00-0000", "43-0000", "43-4051", "13-1020", "25-2050", "53-1000", "15-1252", "15-1250"}


def test_candidates_zero_one_more_digit_at_a_time_without_repeats():
    assert candidate_codes("15-1252") == ["15-1252", "15-1250", "15-1200", "15-1000"]
    assert candidate_codes("29-2010") == ["29-2010", "29-2000"]


def test_an_occupation_with_its_own_row_uses_it():
    assert match("43-4051", MATRIX) == Match("43-4051", broader=False)
    assert match("15-1252", MATRIX) == Match("15-1252", broader=False)


@pytest.mark.parametrize(
    ("soc_code", "expected"),
    [
        ("13-1021", "13-1020"),  # a broad occupation published as a line item
        ("25-2056", "25-2050"),  # a broad group published as a summary
        ("53-1042", "53-1000"),  # only the minor group is projected
    ],
)
def test_otherwise_the_closest_broader_row_is_used_and_flagged(soc_code, expected):
    assert match(soc_code, MATRIX) == Match(expected, broader=True)


def test_a_major_group_is_too_broad_to_stand_for_an_occupation():
    assert match("43-9999", MATRIX) is None


def test_a_code_without_any_row_has_no_match():
    assert match("55-1011", MATRIX) is None
