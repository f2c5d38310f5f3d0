"""How sure a FIT is: the range a retest would likely land in, and careers too close to call.

Pure NumPy, no ORM. Each trait percentage has a standard error from the person's own answers
(scoring._errors). A retest would differ from this test by the noise of both, so the profile is
redrawn DRAWS times with √2 times that error on every trait, each draw is scored against the
careers asked for exactly as `scoring.rank` scores them, and the range is the middle
RANGE_SHARE of the draws. `bench/scoring.py --retest` checks how often a simulated retest's FIT
lands inside (goal: at least 4 times in 5).

Only the careers shown are scored again, so a page of 25 costs a fraction of a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assessments.scoring import (
    EXCESS_COST,
    LEVEL_SHARE,
    SLOPE_RANGE,
    WORK_STYLES,
    OccupationMatrix,
    Ranking,
    score_from_squared,
)

DRAWS = 64
RANGE_SHARE = 0.9
# A retest differs from this test by the noise of two tests, not one.
RETEST_SCALE = 2**0.5
CENTRE_SHIFT = 0.25


@dataclass(frozen=True)
class FitRange:
    low: float
    high: float


def fit_ranges(
    ranking: Ranking,
    matrix: OccupationMatrix,
    errors: Sequence[float | None],
    rows: Sequence[int],
    *,
    seed: int,
    draws: int = DRAWS,
) -> list[FitRange | None]:
    """Per matrix row asked for, the range of its FIT; None where it has no FIT.

    `errors`: per trait in matrix order, the standard error of the person's percentage (None:
    not known, which counts as none). The same seed gives the same ranges, so a page reads the
    same on every visit.
    """
    rows = np.asarray(rows, dtype=int)
    if not rows.size:
        return []
    user = ranking.user
    answered = ~np.isnan(user)
    error = np.array([0.0 if e is None else float(e) for e in errors])
    error[~answered] = 0.0
    noise = np.random.default_rng(seed).standard_normal((draws, user.size))
    drawn = np.clip(np.nan_to_num(user)[None, :] + RETEST_SCALE * error * noise, 0.0, 100.0)
    total = np.zeros((draws, rows.size))
    weight_sum = 0.0
    for i, (domain, block) in enumerate(zip(matrix.domains, matrix.blocks, strict=True)):
        keep = answered[block]
        valid = ranking.valid[:, i]
        weight = ranking.weights.of(domain)
        if not keep.any() or not valid.any() or not weight:
            continue
        squared = _squared(
            drawn[:, block][:, keep],
            matrix.filled[rows][:, block][:, keep],
            styles=domain == WORK_STYLES,
            typical=matrix.typical_spread[i],
        )
        here = valid[rows]
        if not here.all():
            # A part O*NET has not rated counts as this person's typical distance, as in `rank`.
            squared[:, ~here] = float(np.median(ranking.squared[valid, i]))
        squared *= weight
        total += squared
        weight_sum += weight
    if not weight_sum:
        return [None] * rows.size
    total /= weight_sum
    fits = score_from_squared(total)
    fits.sort(axis=0)
    # The middle RANGE_SHARE of the draws, and their median (nearest draw, as percentiles go).
    cut = round(draws * (1 - RANGE_SHARE) / 2)
    low, middle, high = fits[cut], fits[draws // 2], fits[draws - 1 - cut]
    found = []
    for row, lo, mid, hi in zip(
        rows.tolist(), low.tolist(), middle.tolist(), high.tolist(), strict=True
    ):
        fit = float(ranking.fit[row])
        if fit != fit:
            found.append(None)
            continue
        # Redrawn profiles are noisier than the one measured, so their FITs sit too low as a
        # whole; the FIT itself is too high for the careers that came top partly by chance.
        # Halfway between the two is where retests land (bench/scoring.py --retest).
        centre = fit - CENTRE_SHIFT * (fit - mid)
        low_end = min(fit, max(0.0, centre - (mid - lo)))
        found.append(FitRange(low_end, max(fit, min(100.0, centre + (hi - mid)))))
    return found


def _squared(mine: np.ndarray, theirs: np.ndarray, *, styles: bool, typical: float) -> np.ndarray:
    """draws × careers squared distance in one domain, trait by trait (docs/scoring.md §3)."""
    count = mine.shape[1]
    my_mean = mine.sum(axis=1) / count
    centred = mine - my_mean[:, None]  # draws × traits
    job_mean = theirs.sum(axis=1) / count  # careers
    job = theirs - job_mean[:, None]  # careers × traits
    spread = np.fmax((job**2).sum(axis=1), 1e-12)
    slope = np.clip((centred @ job.T) / spread, *SLOPE_RANGE)  # draws × careers
    gap = centred[:, None, :] - slope[:, :, None] * job[None, :, :]
    level = my_mean[:, None] - job_mean[None, :]
    if styles:
        gap = np.minimum(gap, EXCESS_COST * gap)
        level = np.minimum(level, EXCESS_COST * level)
    gap *= gap
    squared = gap.sum(axis=2)
    squared /= count
    if np.isfinite(typical):
        variance = (centred**2).sum(axis=1) / count
        squared *= np.where(variance > typical**2, typical**2 / np.fmax(variance, 1e-12), 1.0)[
            :, None
        ]
    level *= level
    level *= LEVEL_SHARE
    squared += level
    return squared


def close_calls(ranges: Sequence[FitRange | None]) -> list[int | None]:
    """Per career in FIT order, the position (0-based) of the career it is too close to call
    with, or None: a career whose range reaches the range of the first career of its group
    joins that group; one whose range stays below it starts a new group."""
    leader: int | None = None
    found: list[int | None] = []
    for position, current in enumerate(ranges):
        if current is None:
            found.append(None)
            leader = None
            continue
        if leader is not None and current.high >= ranges[leader].low:
            found.append(leader)
        else:
            found.append(None)
            leader = position
    return found
