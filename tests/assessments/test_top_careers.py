from __future__ import annotations

import math

from assessments.top_careers import best_codes


def test_the_best_fits_come_first_and_ties_keep_catalog_order():
    codes = ["a", "b", "c", "d"]
    assert best_codes(codes, [50.0, 80.0, 50.0, 10.0], count=3) == [
        ("b", 80.0),
        ("a", 50.0),
        ("c", 50.0),
    ]


def test_careers_without_a_fit_never_count():
    codes = ["a", "b", "c"]
    assert best_codes(codes, [None, math.nan, 3.0], count=3) == [("c", 3.0)]


def test_only_known_codes_count_when_asked():
    assert best_codes(["a", "b"], [90.0, 10.0], count=1, known={"b"}) == [("b", 10.0)]


def test_an_empty_result_has_no_top_careers():
    assert best_codes([], [], count=3) == []
