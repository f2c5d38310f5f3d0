from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import reasons, roster_csv, scoring
from assessments.templatetags.results_format import score
from careerfit.numbers import half_up, tenths, whole
from occupations import charts

# Halves are where round() (to even) and people disagree.
CASES = [(62.5, 63), (44.5, 45), (0.5, 1), (1.5, 2), (2.5, 3), (99.5, 100), (62.49, 62), (0.0, 0)]


@pytest.mark.parametrize(("value", "expected"), CASES)
def test_every_place_a_percentage_is_shown_rounds_it_the_same_way(value, expected):
    assert whole(value) == expected
    assert score(value) == str(expected)  # results tables, FIT, roster
    assert charts.format_percent(value) == f"{expected}%"  # bar labels, profile pages
    sentence = reasons.sentence(scoring.WORK_STYLES, "Dependability", value, value)
    assert sentence.count(f"({expected} %)") == 2  # the "why" lines


@pytest.mark.parametrize(("value", "expected"), [(62.25, 62.3), (62.35, 62.4), (0.05, 0.1)])
def test_files_keep_tenths_rounded_half_up(value, expected):
    assert tenths(value) == expected
    assert roster_csv._number(value) == expected


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_a_bar_label_and_a_score_never_disagree(value):
    assert charts.format_percent(value) == f"{score(value)}%" == f"{half_up(value)}%"
