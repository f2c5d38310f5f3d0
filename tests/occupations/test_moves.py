from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from occupations.moves import (
    GAP_COST,
    IMPORTANT_FROM,
    RELATED_BONUS,
    STEP_COST,
    Descriptor,
    MoveCatalog,
    move_between,
    moves_from,
    sentence,
    skill_gaps,
    what_to_learn,
)

DESCRIPTORS = (
    Descriptor("2.A.1.a", "Reading Comprehension", "skills"),
    Descriptor("2.B.1.f", "Service Orientation", "skills"),
    Descriptor("2.C.3.a", "Computers and Electronics", "knowledge"),
)


def catalog(importance, level, *, zones=None, pay=None, related=None) -> MoveCatalog:
    importance, level = np.array(importance, float), np.array(level, float)
    rows = len(importance)
    return MoveCatalog(
        codes=tuple(f"11-{row:04d}.00" for row in range(rows)),
        descriptors=DESCRIPTORS[: importance.shape[1]],
        importance=importance,
        level=level,
        zones=np.array(zones if zones is not None else [2] * rows, float),
        pay=np.array(pay if pay is not None else [50_000] * rows, float),
        related=related or {},
    )


def plain_gap(found: MoveCatalog, source: int, target: int) -> float:
    """The skill gap as the docs state it, one descriptor at a time."""
    total, count = 0.0, 0
    for column in range(len(found.descriptors)):
        have, need = found.level[source, column], found.level[target, column]
        if found.importance[target, column] >= IMPORTANT_FROM and not (
            math.isnan(have) or math.isnan(need)
        ):
            total += max(0.0, need - have)
            count += 1
    return total / count if count else math.nan


@pytest.fixture
def three() -> MoveCatalog:
    return catalog(
        importance=[[80, 60, 40], [80, 70, 90], [20, 30, 40]],
        level=[[50, 40, 10], [70, 40, 60], [10, 10, 10]],
        zones=[2, 4, 1],
        pay=[40_000, 60_000, 30_000],
        related={0: frozenset({1})},
    )


def test_the_gap_counts_only_what_matters_in_the_target_and_only_shortfalls(three):
    gaps = skill_gaps(three, 0)
    # To row 1: all three matter there; +20, 0 (already as high), +50 → mean 23.3.
    assert gaps[1] == pytest.approx((20 + 0 + 50) / 3)
    # Row 2 rates nothing as important: no gap can be measured.
    assert math.isnan(gaps[2])
    assert gaps[0] == 0


def test_reach_and_score_follow_the_documented_rule(three):
    move = move_between(three, 0, 1, fit=80.0)
    gap = (20 + 0 + 50) / 3
    expected_reach = min(100.0, 100 - GAP_COST * gap - STEP_COST * 2 + RELATED_BONUS)
    assert move.reach == pytest.approx(expected_reach)
    assert move.score == pytest.approx(80.0 * expected_reach / 100)
    assert move.step == 2
    assert move.pay_change == pytest.approx(0.5)
    assert move.related


def test_moves_leave_out_the_job_itself_and_unmeasurable_careers(three):
    assert [move.code for move in moves_from(three, 0)] == ["11-0001.00"]


def test_a_fit_reorders_moves_and_careers_without_one_are_left_out():
    found = catalog(
        importance=[[80, 80]] * 4,
        level=[[50, 50], [50, 50], [60, 60], [50, 50]],
        pay=[1, 1, 1, 1],
    )
    # Without a FIT the closest careers come first.
    assert [m.code for m in moves_from(found, 0)] == ["11-0001.00", "11-0003.00", "11-0002.00"]
    fits = {"11-0001.00": 40.0, "11-0002.00": 90.0}
    ranked = moves_from(found, 0, fits=fits)
    # 90 × 80 / 100 = 72 beats 40 × 100 / 100; 11-0003 has no FIT, so it is not weighed.
    assert [m.code for m in ranked] == ["11-0002.00", "11-0001.00"]
    assert ranked[0].score == pytest.approx(72.0)


def test_ties_go_to_the_better_paid_career():
    found = catalog(importance=[[80]] * 3, level=[[50]] * 3, pay=[100, 90, 120])
    assert [m.code for m in moves_from(found, 0)] == ["11-0002.00", "11-0001.00"]


def test_a_state_pay_array_replaces_the_national_one(three):
    move = moves_from(three, 0, pay=np.array([50_000.0, 55_000.0, np.nan]))[0]
    assert move.pay_change == pytest.approx(0.1)


def test_what_to_learn_lists_gaps_largest_first_and_what_is_needed_less(three):
    learning = what_to_learn(three, 0, 1)
    assert [(g.descriptor.name, g.have, g.need) for g in learning.more] == [
        ("Computers and Electronics", 10, 60),
        ("Reading Comprehension", 50, 70),
    ]
    back = what_to_learn(three, 1, 0)
    # Row 0 needs 10 in Computers where row 1 uses 60, and it matters in row 1.
    assert [(g.descriptor.name, g.have, g.need) for g in back.less] == [
        ("Computers and Electronics", 60, 10),
        ("Reading Comprehension", 70, 50),
    ]


def test_the_sentence_says_why_in_plain_words(three):
    move = move_between(three, 0, 1, fit=80.4)
    assert sentence(move, state="Texas") == (
        "FIT 80; skills and knowledge 23 points above yours on average; 2 job zones more "
        "preparation; pays 50 % more in Texas; O*NET lists it as a related career."
    )


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=7).flatmap(
        lambda rows: st.tuples(
            arrays(float, (rows, 3), elements=st.one_of(st.floats(0, 100), st.just(math.nan))),
            arrays(float, (rows, 3), elements=st.one_of(st.floats(0, 100), st.just(math.nan))),
        )
    )
)
def test_vectorised_gaps_equal_plain_python(matrices):
    importance, level = matrices
    found = catalog(importance=importance, level=level)
    gaps = skill_gaps(found, 0)
    for target in range(len(importance)):
        expected = plain_gap(found, 0, target)
        if all(math.isnan(value) for value in level[0]) or math.isnan(expected):
            assert math.isnan(gaps[target])
        else:
            assert gaps[target] == pytest.approx(expected)
