from __future__ import annotations

import numpy as np
import pytest

from assessments.confidence import FitRange, close_calls, fit_ranges
from assessments.scoring import ITEM_SPREAD, PRIOR_ANSWERS, ItemKey, build_profile, rank
from tests.assessments.test_scoring import ITEMS, TRAITS, matrix


def errors_of(profile):
    return [score.error for score in profile.scores]


@pytest.mark.parametrize("seed", range(4))
def test_with_no_error_the_range_is_the_fit_itself(seed):
    # The redrawn scoring must be the ranking's own: skipped traits, bold interests, the cheaper
    # excess on work styles and unrated parts included.
    rng = np.random.default_rng(seed)
    rows = rng.uniform(0, 100, size=(30, len(TRAITS)))
    rows[rng.random(rows.shape) < 0.05] = np.nan
    data = matrix(*rows)
    answers = {item.key: int(rng.integers(1, 6)) for item in ITEMS}
    if seed % 2:
        del answers["S1"]
    ranking = rank(build_profile(answers=answers, items=ITEMS, traits=TRAITS), data)
    shown = [row for row in range(30) if not np.isnan(ranking.fit[row])]

    ranges = fit_ranges(ranking, data, [0.0] * len(TRAITS), shown, seed=1)

    for row, found in zip(shown, ranges, strict=True):
        assert found.low == pytest.approx(ranking.fit[row], abs=0.11)
        assert found.high == pytest.approx(ranking.fit[row], abs=0.11)


def test_ranges_hold_the_fit_widen_with_error_and_read_the_same_every_time():
    rng = np.random.default_rng(3)
    data = matrix(*rng.uniform(0, 100, size=(20, len(TRAITS))))
    profile = build_profile(
        answers={item.key: int(rng.integers(1, 6)) for item in ITEMS}, items=ITEMS, traits=TRAITS
    )
    ranking = rank(profile, data)
    rows = list(range(20))

    narrow = fit_ranges(ranking, data, [2.0] * len(TRAITS), rows, seed=5)
    wide = fit_ranges(ranking, data, [15.0] * len(TRAITS), rows, seed=5)

    assert narrow == fit_ranges(ranking, data, [2.0] * len(TRAITS), rows, seed=5)
    for row, small, large in zip(rows, narrow, wide, strict=True):
        assert small.low <= ranking.fit[row] <= small.high
        assert 0 <= large.low <= ranking.fit[row] <= large.high <= 100
    assert sum(r.high - r.low for r in wide) > sum(r.high - r.low for r in narrow)


def test_a_traits_error_pools_its_domains_answers_with_the_assumed_spread():
    items = [ItemKey(f"R{n}", TRAITS[0].element_id, +1) for n in range(4)] + [
        ItemKey(f"I{n}", TRAITS[1].element_id, +1) for n in range(2)
    ]
    # Realistic answered 5, 5, 1, 1 (100, 100, 0, 0 %); Investigative 3, 3.
    profile = build_profile(
        answers={"R0": 5, "R1": 5, "R2": 1, "R3": 1, "I0": 3, "I1": 3}, items=items, traits=TRAITS
    )
    squares, freedom = 4 * 50.0**2, 3 + 1
    variance = (squares + PRIOR_ANSWERS * ITEM_SPREAD**2) / (freedom + PRIOR_ANSWERS)
    realistic, investigative = profile.scores[0], profile.scores[1]
    assert realistic.error == pytest.approx((variance / 4) ** 0.5)
    assert investigative.error == pytest.approx((variance / 2) ** 0.5)
    assert profile.scores[2].error is None  # not answered


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [
        # Each reaches the first one's range: one group.
        ([(80, 90), (78, 88), (75, 84)], [None, 0, 0]),
        # The third stays below the first one's range: a new group, and the fourth joins it.
        ([(80, 90), (76, 85), (60, 79), (58, 70)], [None, 0, None, 2]),
        # No range (no FIT): the group ends.
        ([(80, 90), None, (79, 85)], [None, None, None]),
        ([], []),
    ],
)
def test_careers_are_too_close_to_call_when_their_range_reaches_the_groups_first(ranges, expected):
    found = [None if r is None else FitRange(*r) for r in ranges]
    assert close_calls(found) == expected
