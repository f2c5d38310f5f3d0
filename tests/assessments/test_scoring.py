from __future__ import annotations

import numpy as np
import pytest

from assessments.scoring import (
    DEFAULT_WEIGHTS,
    EXCESS_COST,
    FIT_HALF,
    LEVEL_SHARE,
    ItemKey,
    OccupationMatrix,
    Trait,
    Weights,
    band,
    build_profile,
    explain,
    fit_from_distance,
    rank,
    score_from_squared,
)

R = Trait("1.B.1.a", "Realistic", "interests")
I = Trait("1.B.1.b", "Investigative", "interests")  # noqa: E741
DEP = Trait("1.C.5.a", "Dependability", "work_styles")
STRESS = Trait("1.C.4.b", "Stress Tolerance", "work_styles")
ACH = Trait("1.B.2.a", "Achievement", "work_values")
SUP = Trait("1.B.2.e", "Support", "work_values")
TRAITS = (R, I, DEP, STRESS, ACH, SUP)

ITEMS = [
    ItemKey("R1", R.element_id, +1),
    ItemKey("R2", R.element_id, +1),
    ItemKey("I1", I.element_id, +1),
    ItemKey("D1", DEP.element_id, +1),
    ItemKey("D2", DEP.element_id, -1),
    ItemKey("S1", STRESS.element_id, +1),
    ItemKey("A1", ACH.element_id, +1),
    ItemKey("P1", SUP.element_id, +1),
]


def profile_of(**answers):
    return build_profile(answers=answers, items=ITEMS, traits=TRAITS)


def matrix(*rows, codes=None):
    codes = codes or tuple(f"00-000{i}.00" for i in range(len(rows)))
    return OccupationMatrix(codes=tuple(codes), traits=TRAITS, values=np.array(rows, float))


def test_trait_percentages_average_items_with_reverse_keys_applied():
    profile = profile_of(R1=5, R2=3, I1=1, D1=4, D2=2, S1=3, A1=5, P1=1)

    assert profile.percentage(R.element_id) == 75.0  # (100 + 50) / 2
    assert profile.percentage(I.element_id) == 0.0
    assert profile.percentage(DEP.element_id) == 75.0  # 4 → 75, reversed 2 → 4 → 75
    assert profile.percentage(STRESS.element_id) == 50.0
    assert profile.holland_code == "RI"


def test_unanswered_traits_are_none_and_noted():
    profile = profile_of(R1=5, R2=5)
    assert profile.percentage(I.element_id) is None
    assert any("No answers for: Investigative" in note for note in profile.notes)


def test_flat_answers_get_a_plain_note():
    items = [ItemKey(f"R{n}", R.element_id, +1) for n in range(6)]
    profile = build_profile(answers={f"R{n}": 3 for n in range(6)}, items=items, traits=TRAITS)
    assert any("almost all the same" in note for note in profile.notes)


def test_an_identical_profile_scores_100():
    profile = profile_of(R1=5, R2=5, I1=1, D1=5, D2=1, S1=3, A1=5, P1=3)
    same = [100, 0, 100, 50, 100, 50]
    ranking = rank(profile, matrix(same))
    assert ranking.fit[0] == 100.0
    assert {k: v[0] for k, v in ranking.components.items()} == {
        "interests": 100.0,
        "work_styles": 100.0,
        "work_values": 100.0,
    }


def test_interest_score_by_hand():
    # You: R 75, I 25 (centred ±25). Job: R 60, I 40 (centred ±10): slope 2.5 → capped 1.6,
    # gaps 25 − 16 = ±9, mean squared gap 81. You spread 25 against the catalog's typical 10,
    # so gaps count in its units: 81 · (10 / 25)² = 12.96; equal means → distance 3.6.
    profile = profile_of(R1=4, R2=4, I1=2)
    ranking = rank(profile, matrix([60, 40, np.nan, np.nan, np.nan, np.nan]))
    assert ranking.components["interests"][0] == pytest.approx(fit_from_distance(3.6), abs=0.05)
    assert ranking.fit[0] == ranking.components["interests"][0]
    assert np.isnan(ranking.components["work_styles"][0])


def test_falling_short_on_a_work_style_costs_more_than_exceeding_it():
    you = profile_of(D1=5, D2=1, S1=2)  # Dependability 100, Stress Tolerance 25
    exceeds = [np.nan, np.nan, 50, 25, np.nan, np.nan]  # you have more Dependability
    short = [np.nan, np.nan, 100, 75, np.nan, np.nan]  # job needs more Stress Tolerance
    ranking = rank(you, matrix(exceeds, short))
    assert ranking.components["work_styles"][0] > ranking.components["work_styles"][1]


def test_a_missing_component_takes_the_catalogs_median_distance():
    profile = profile_of(R1=5, R2=5, I1=1, D1=5, D2=1, S1=3, A1=5, P1=3)
    same = [100, 0, 100, 50, 100, 50]
    values_differ = [100, 0, 100, 50, 50, 100]
    values_differ_more = [100, 0, 100, 50, 0, 100]
    no_values = [100, 0, 100, 50, np.nan, np.nan]
    ranking = rank(profile, matrix(same, values_differ, values_differ_more, no_values))

    assert np.isnan(ranking.components["work_values"][3])
    # The median of the three rated occupations' value distances is the middle one's.
    assert ranking.fit[3] == ranking.fit[1]
    assert list(ranking.order) == [0, 1, 3, 2]


def test_weights_change_the_order_and_are_normalised():
    profile = profile_of(R1=5, R2=5, I1=1, D1=5, D2=1, S1=1, A1=5, P1=1)
    likes_it = [100, 0, 0, 100, 0, 100]  # interests match, styles and values do not
    suits_you = [0, 100, 100, 0, 100, 0]  # the other way round
    data = matrix(likes_it, suits_you)

    assert rank(profile, data, Weights(1, 0, 0)).order[0] == 0
    assert rank(profile, data, Weights(0, 5, 5)).order[0] == 1
    assert Weights(2, 1, 1).normalized() == Weights(0.5, 0.25, 0.25)
    with pytest.raises(ValueError, match="weights"):
        Weights(0, 0, 0).normalized()


def test_ties_are_broken_by_catalog_order_and_results_repeat():
    profile = profile_of(R1=5, R2=5, I1=1)
    same = [80, 10, np.nan, np.nan, np.nan, np.nan]
    data = matrix(same, same, same)
    first = rank(profile, data)
    assert list(first.order) == [0, 1, 2]
    again = rank(profile, data)
    assert np.array_equal(first.fit, again.fit)
    assert np.array_equal(first.order, again.order)


def test_occupations_without_comparable_data_rank_last():
    profile = profile_of(R1=5, R2=5, I1=1)
    ranking = rank(profile, matrix([np.nan] * 6, [90, 10, np.nan, np.nan, np.nan, np.nan]))
    assert list(ranking.order) == [1, 0]
    assert np.isnan(ranking.fit[0])


def test_explanations_name_what_raised_and_lowered_the_fit():
    profile = profile_of(R1=5, R2=5, I1=1, D1=5, D2=1, S1=1, A1=5, P1=3)
    job = [95, 5, 100, 95, 100, 50]  # great interest match, needs Stress Tolerance you lack
    ranking = rank(profile, matrix(job))

    raised, lowered = explain(ranking, matrix(job), 0)

    assert raised[0].trait in (R, I, DEP, ACH)
    assert lowered[0].trait == STRESS
    assert lowered[0].text == (
        "This job needs much more Stress Tolerance (95 %) than you rate yourself (0 %)."
    )
    # Ordered by what did most for the FIT.
    assert [r.effect for r in raised] == sorted((r.effect for r in raised), reverse=True)


def test_default_weights_are_explicit():
    assert DEFAULT_WEIGHTS.as_dict() == {
        "interests": 0.5,
        "work_styles": 0.3,
        "work_values": 0.2,
    }


def typical_spread(jobs):
    """The median over fully rated jobs of their profile's RMS about its own mean."""
    spreads = []
    for job in jobs:
        if not np.isnan(job).any():
            mean = sum(job) / len(job)
            spreads.append((sum((j - mean) ** 2 for j in job) / len(job)) ** 0.5)
    return float(np.median(spreads))


def direct_squared(yours, job, styles, typical=None):
    """One domain's squared distance trait by trait, as docs/scoring.md states it; `typical`
    for interests, where a bolder user's gaps count in the typical job's units."""
    pairs = [(y, j) for y, j in zip(yours, job, strict=True) if y is not None]
    my_mean = sum(y for y, _ in pairs) / len(pairs)
    job_mean = sum(j for _, j in pairs) / len(pairs)
    mine = [y - my_mean for y, _ in pairs]
    my_spread = (sum(m * m for m in mine) / len(mine)) ** 0.5
    bold = (typical / my_spread) ** 2 if typical is not None and my_spread > typical else 1.0
    theirs = [j - job_mean for _, j in pairs]
    spread = sum(t * t for t in theirs) or 1e-12
    slope = min(max(sum(m * t for m, t in zip(mine, theirs, strict=True)) / spread, 0.6), 1.6)
    gaps = [m - slope * t for m, t in zip(mine, theirs, strict=True)]
    level = my_mean - job_mean
    if styles:
        gaps = [g * EXCESS_COST if g > 0 else g for g in gaps]
        level = level * EXCESS_COST if level > 0 else level
    return bold * sum(g * g for g in gaps) / len(gaps) + LEVEL_SHARE * level * level


@pytest.mark.parametrize("seed", range(5))
def test_fit_equals_the_formula_computed_trait_by_trait(seed):
    rng = np.random.default_rng(seed)
    rows = rng.uniform(0, 100, size=(40, len(TRAITS)))
    rows[rng.random(rows.shape) < 0.05] = np.nan  # some jobs lack a domain's ratings
    data = matrix(*rows)
    answers = {item.key: int(rng.integers(1, 6)) for item in ITEMS}
    if seed % 2:
        del answers["S1"]  # a skipped trait leaves both profiles
    profile = build_profile(answers=answers, items=ITEMS, traits=TRAITS)
    yours = [profile.percentage(trait.element_id) for trait in TRAITS]

    ranking = rank(profile, data)

    blocks = {"interests": (0, 2), "work_styles": (2, 4), "work_values": (4, 6)}
    for domain, (start, stop) in blocks.items():
        for row, job in enumerate(rows):
            if np.isnan(job[start:stop]).any():
                assert np.isnan(ranking.components[domain][row])
                continue
            typical = typical_spread(rows[:, start:stop]) if domain == "interests" else None
            expected = direct_squared(
                yours[start:stop], job[start:stop], domain == "work_styles", typical
            )
            assert ranking.squared[row, data.domains.index(domain)] == pytest.approx(expected)


def test_a_single_value_converts_to_a_score():
    assert float(score_from_squared(np.float64(FIT_HALF) ** 2)) == 50.0
    assert score_from_squared(np.array([0.0, 1e8])).tolist() == [100.0, 0.0]


def test_fit_falls_steadily_with_distance():
    fits = score_from_squared(np.arange(0.0, 60.0, 0.5) ** 2)
    assert (np.diff(fits) <= 0).all()
    assert fits[0] == 100.0
    assert fits[-1] < 5


@pytest.mark.parametrize(
    ("fit", "word"),
    [
        (100.0, "excellent"),
        (89.5, "excellent"),  # shown as 90
        (89.4, "good"),
        (70.0, "good"),
        (69.5, "good"),
        (69.4, "fair"),
        (50.0, "fair"),
        (49.4, "weak"),
        (0.0, "weak"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_the_band_follows_the_number_shown(fit, word):
    assert band(fit) == word


def test_jobs_rated_nowhere_get_no_fit_and_leave_the_median_alone():
    profile = profile_of(R1=5, R2=5, I1=1, D1=5, D2=1, S1=3, A1=5, P1=3)
    rated = [[100, 0, 100, 50, v, 100 - v] for v in (100, 50, 0)]
    no_values = [100, 0, 100, 50, np.nan, np.nan]
    ranking = rank(profile, matrix(*rated, [np.nan] * 6, no_values, [np.nan] * 6))

    assert np.isnan(ranking.fit[3])
    assert np.isnan(ranking.fit[5])
    assert ranking.fit[4] == ranking.fit[1]
    assert list(ranking.order[-2:]) == [3, 5]
