from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import reasons, roster_csv, scoring
from assessments.templatetags.results_format import score
from careerfit.numbers import half_up, tenths, whole, whole_array
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


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_the_quick_whole_number_is_the_decimal_one(value):
    assert whole(value) == int(half_up(value))


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=1, max_size=8))
def test_whole_numbers_of_an_array_are_those_of_each_value(values):
    assert whole_array(np.array(values)).tolist() == [whole(value) for value in values]


def test_whole_numbers_of_an_array_keep_nan_and_halves():
    found = whole_array(np.array([62.5, 44.5, 0.49999999999999994, np.nan]))
    assert found[:3].tolist() == [63, 45, 0]
    assert np.isnan(found[3])
