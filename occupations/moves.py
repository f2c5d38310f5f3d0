"""Career moves: how far every occupation is from a job someone holds, and what they would learn.

Pure computation on arrays built once per catalog version (occupations/move_data.py loads them);
no ORM, no request. The rule, in docs/moves.md and on "How we score":

- **Skill gap** of a move from A to B: over the skills and knowledge that matter in B (importance
  at least 3 of 5, i.e. IMPORTANT_FROM on the 0–100 scale), the mean of how far B's level is above
  A's (0 where A's is already as high), in points of the 0–100 level scale.
- **Reach** (0–100): 100 − GAP_COST × gap − STEP_COST × (job zones B is above A), plus
  RELATED_BONUS when O*NET lists B among A's related occupations; kept within 0–100.
- **Move score**: FIT × reach / 100 when the person has a FIT for B (both must be good for the
  move to rank high), else reach alone. Ties: higher pay first, then A–Z by code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from careerfit.numbers import whole

# O*NET importance 3 of 5 is (3 − 1) / (5 − 1) = 50 % of the IM scale.
IMPORTANT_FROM = 50.0
GAP_COST = 2.0
STEP_COST = 10.0
RELATED_BONUS = 10.0
# What B needs less of: levels at least this far below A's, on what matters in A.
LESS_FROM = 10.0


@dataclass(frozen=True)
class Descriptor:
    element_id: str
    name: str
    domain: str  # "skills" or "knowledge"


@dataclass(frozen=True)
class MoveCatalog:
    """Occupations × skill-and-knowledge descriptors, percentages 0–100 (NaN: not rated)."""

    codes: tuple[str, ...]
    descriptors: tuple[Descriptor, ...]
    importance: np.ndarray
    level: np.ndarray
    zones: np.ndarray  # job zone 1–5, NaN when O*NET gives none
    pay: np.ndarray  # national annual median, NaN when not published
    # row → rows O*NET lists as related to it
    related: Mapping[int, frozenset[int]] = field(default_factory=dict)
    row_of: Mapping[str, int] = field(init=False, repr=False, compare=False)
    # Annual medians by row per state, filled by whoever loads them; they live as long as the
    # catalog they belong to.
    state_pay: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row_of", {code: row for row, code in enumerate(self.codes)})

    def row(self, code: str) -> int | None:
        return self.row_of.get(code)

    @property
    def rated(self) -> np.ndarray:
        """Rows with skill and knowledge ratings."""
        return ~np.all(np.isnan(self.level), axis=1)


def skill_gaps(catalog: MoveCatalog, source: int) -> np.ndarray:
    """The skill gap of a move from `source` to every row (NaN where either is unrated)."""
    have = catalog.level[source]
    ahead = np.clip(catalog.level - have, 0.0, None)
    matters = catalog.importance >= IMPORTANT_FROM
    counted = matters & ~np.isnan(ahead)
    total = np.where(counted, ahead, 0.0).sum(axis=1)
    count = counted.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        gaps = np.where(count > 0, total / count, np.nan)
    if np.all(np.isnan(have)):
        gaps[:] = np.nan
    return gaps


def reach(catalog: MoveCatalog, source: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(reach 0–100, skill gap, job-zone step) from `source` to every row."""
    gaps = skill_gaps(catalog, source)
    steps = catalog.zones - catalog.zones[source]
    climb = np.nan_to_num(np.clip(steps, 0.0, None), nan=0.0)
    score = 100.0 - GAP_COST * gaps - STEP_COST * climb
    related = np.zeros(len(catalog.codes), dtype=bool)
    related[list(catalog.related.get(source, ()))] = True
    score = np.clip(score + RELATED_BONUS * related, 0.0, 100.0)
    return score, gaps, steps


@dataclass(frozen=True)
class Move:
    code: str
    score: float
    reach: float
    gap: float
    step: float | None  # job zones up (+) or down (−); None when either has none
    fit: float | None
    pay_change: float | None  # share of the source's pay, e.g. 0.12 for +12 %
    related: bool


def moves_from(
    catalog: MoveCatalog,
    source: int,
    *,
    fits: Mapping[str, float] | None = None,
    pay: np.ndarray | None = None,
) -> list[Move]:
    """Every other rated occupation as a move from `source`, best first.

    `fits`: the person's FIT by code, when they have a result. `pay`: annual medians by row
    to compare (a state's), else the national ones."""
    score, gaps, steps = reach(catalog, source)
    pay = catalog.pay if pay is None else pay
    with np.errstate(invalid="ignore", divide="ignore"):
        change = pay / pay[source] - 1.0
    fit = np.full(len(catalog.codes), np.nan)
    if fits:
        for row, code in enumerate(catalog.codes):
            value = fits.get(code)
            if value is not None:
                fit[row] = value
    move = np.where(np.isnan(fit), score, fit * score / 100.0) if fits else score
    candidates = np.flatnonzero(~np.isnan(gaps))
    candidates = candidates[candidates != source]
    if fits:
        # With a result, careers it does not score cannot be weighed against the others.
        candidates = candidates[~np.isnan(fit[candidates])]
    order = np.lexsort(
        (
            np.array([catalog.codes[row] for row in candidates]),
            -np.nan_to_num(pay[candidates], nan=-1.0),
            -move[candidates],
        )
    )
    shown = candidates[order]
    related = catalog.related.get(source, frozenset())
    # Plain lists: reading numpy scalars one by one costs more than the whole ranking.
    columns = zip(
        shown.tolist(),
        move[shown].tolist(),
        score[shown].tolist(),
        gaps[shown].tolist(),
        steps[shown].tolist(),
        fit[shown].tolist(),
        change[shown].tolist(),
        strict=True,
    )
    return [
        Move(
            code=catalog.codes[row],
            score=total,
            reach=reached,
            gap=gap,
            step=None if step != step else step,  # NaN is the only value unequal to itself
            fit=None if value != value else value,
            pay_change=None if pay_change != pay_change else pay_change,
            related=row in related,
        )
        for row, total, reached, gap, step, value, pay_change in columns
    ]


def move_between(
    catalog: MoveCatalog, source: int, target: int, *, fit: float | None = None
) -> Move:
    """One move, scored by the same rule as moves_from."""
    score, gaps, steps = reach(catalog, source)
    pay = catalog.pay
    change = pay[target] / pay[source] - 1.0 if pay[source] else float("nan")
    reached = float(score[target])
    return Move(
        code=catalog.codes[target],
        score=reached if fit is None else fit * reached / 100.0,
        reach=reached,
        gap=float(gaps[target]),
        step=None if np.isnan(steps[target]) else float(steps[target]),
        fit=fit,
        pay_change=None if np.isnan(change) else float(change),
        related=target in catalog.related.get(source, frozenset()),
    )


@dataclass(frozen=True)
class Gap:
    descriptor: Descriptor
    need: float  # B's level, 0–100
    have: float  # A's level, 0–100
    importance: float  # in B (for "needs more") or in A (for "needs less")

    @property
    def difference(self) -> float:
        return self.need - self.have


@dataclass(frozen=True)
class Learning:
    more: list[Gap]  # what B needs above A's level, largest first
    less: list[Gap]  # what B needs less of than A uses, largest drop first


def what_to_learn(catalog: MoveCatalog, source: int, target: int) -> Learning:
    have, need = catalog.level[source], catalog.level[target]
    more, less = [], []
    for column, descriptor in enumerate(catalog.descriptors):
        a, b = have[column], need[column]
        if np.isnan(a) or np.isnan(b):
            continue
        if catalog.importance[target, column] >= IMPORTANT_FROM and b > a:
            more.append(
                Gap(descriptor, float(b), float(a), float(catalog.importance[target, column]))
            )
        elif catalog.importance[source, column] >= IMPORTANT_FROM and a - b >= LESS_FROM:
            less.append(
                Gap(descriptor, float(b), float(a), float(catalog.importance[source, column]))
            )
    more.sort(key=lambda gap: (-gap.difference, gap.descriptor.name))
    less.sort(key=lambda gap: (gap.difference, gap.descriptor.name))
    return Learning(more=more, less=less)


def top_gaps(catalog: MoveCatalog, source: int, target: int, count: int = 3) -> list[Gap]:
    return what_to_learn(catalog, source, target).more[:count]


def sentence(move: Move, *, state: str = "") -> str:
    """Why this move is listed, in plain words."""
    parts: list[str] = []
    if move.fit is not None:
        parts.append(f"FIT {whole(move.fit)}")
    if move.gap < 2:
        parts.append("uses no skills above what you use now")
    else:
        parts.append(f"skills and knowledge {whole(move.gap)} points above yours on average")
    if move.step is not None:
        if move.step > 0:
            parts.append(f"{_zones(move.step)} more preparation")
        elif move.step < 0:
            parts.append(f"{_zones(-move.step)} less preparation")
        else:
            parts.append("the same preparation")
    if move.pay_change is not None:
        where = f" in {state}" if state else ""
        percent = whole(100 * move.pay_change)
        if percent > 0:
            parts.append(f"pays {percent} % more{where}")
        elif percent < 0:
            parts.append(f"pays {-percent} % less{where}")
        else:
            parts.append(f"pays about the same{where}")
    if move.related:
        parts.append("O*NET lists it as a related career")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _zones(step: float) -> str:
    count = whole(step)
    return f"{count} job zone{'s' if count != 1 else ''}"
