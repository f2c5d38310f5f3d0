"""The scoring method: answers → trait profile → FIT score 0–100 for every occupation.

Pure computation (NumPy, no ORM, no request). docs/scoring.md states the method with its formulas;
keep the two in step and bump SCORING_VERSION when results would change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

SCORING_VERSION = "1.0"

INTERESTS = "interests"
WORK_STYLES = "work_styles"
WORK_VALUES = "work_values"
DOMAINS = (INTERESTS, WORK_STYLES, WORK_VALUES)
DOMAIN_LABELS = {INTERESTS: "Interests", WORK_STYLES: "Work styles", WORK_VALUES: "Work values"}
RIASEC_ELEMENTS = ("1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f")
RIASEC_LETTERS = "RIASEC"

# A distance of this many percentage points (root mean square) scores 0; zero distance scores 100.
FULL_SCALE = 40.0
# How much a difference in overall level counts next to a difference in shape. Low, because how
# high someone rates everything says as much about their answering habits as about them.
LEVEL_SHARE = 0.25
# How far a job's profile may be stretched or shrunk to meet the user's use of the scale.
SLOPE_RANGE = (0.6, 1.6)
# Having more of a work style than a job needs costs this fraction of falling short by as much.
EXCESS_COST = 0.25
# Answers this flat (population SD of a section, in scale points) say little about preferences.
FLAT_SD = 0.5


@dataclass(frozen=True)
class Weights:
    interests: float = 0.5
    work_styles: float = 0.3
    work_values: float = 0.2

    def of(self, domain: str) -> float:
        return getattr(self, domain)

    def normalized(self) -> Weights:
        total = self.interests + self.work_styles + self.work_values
        if total <= 0 or min(self.interests, self.work_styles, self.work_values) < 0:
            raise ValueError("weights must be non-negative and not all zero")
        return Weights(self.interests / total, self.work_styles / total, self.work_values / total)

    def as_dict(self) -> dict[str, float]:
        return {domain: round(self.of(domain), 4) for domain in DOMAINS}


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Trait:
    element_id: str
    name: str
    domain: str


@dataclass(frozen=True)
class ItemKey:
    """What scoring needs to know of one questionnaire item."""

    key: str
    element_id: str
    keyed: int  # +1, or -1 for a reverse-keyed item
    points: int = 5


@dataclass(frozen=True)
class TraitScore:
    trait: Trait
    percentage: float | None  # None when no item of the trait was answered
    answered: int


@dataclass(frozen=True)
class Profile:
    scores: tuple[TraitScore, ...]
    holland_code: str
    notes: tuple[str, ...] = ()

    def percentage(self, element_id: str) -> float | None:
        for score in self.scores:
            if score.trait.element_id == element_id:
                return score.percentage
        return None

    def in_domain(self, domain: str) -> list[TraitScore]:
        return [score for score in self.scores if score.trait.domain == domain]


def build_profile(
    *, answers: Mapping[str, int], items: Sequence[ItemKey], traits: Sequence[Trait]
) -> Profile:
    """Trait percentages from item answers: reverse keys applied, 0 % = lowest answer everywhere."""
    totals: dict[str, list[float]] = {trait.element_id: [] for trait in traits}
    by_domain: dict[str, list[int]] = {}
    domain_of = {trait.element_id: trait.domain for trait in traits}
    for item in items:
        value = answers.get(item.key)
        if value is None or item.element_id not in totals:
            continue
        scored = value if item.keyed > 0 else item.points + 1 - value
        totals[item.element_id].append(100.0 * (scored - 1) / (item.points - 1))
        by_domain.setdefault(domain_of[item.element_id], []).append(value)
    scores = tuple(
        TraitScore(
            trait=trait,
            percentage=sum(found) / len(found) if (found := totals[trait.element_id]) else None,
            answered=len(totals[trait.element_id]),
        )
        for trait in traits
    )
    riasec = [
        (score.percentage, -RIASEC_ELEMENTS.index(score.trait.element_id))
        for score in scores
        if score.trait.element_id in RIASEC_ELEMENTS and score.percentage is not None
    ]
    code = "".join(RIASEC_LETTERS[-index] for _pct, index in sorted(riasec, reverse=True)[:3])
    return Profile(scores=scores, holland_code=code, notes=_notes(scores, by_domain))


def _notes(scores: Sequence[TraitScore], by_domain: Mapping[str, list[int]]) -> tuple[str, ...]:
    notes = []
    for domain in DOMAINS:
        values = by_domain.get(domain, [])
        if len(values) >= 4 and float(np.std(values)) < FLAT_SD:
            notes.append(
                f"Your {DOMAIN_LABELS[domain].lower()} answers were almost all the same, so "
                "that part of your results tells careers apart less well."
            )
    few = [s.trait.name for s in scores if 0 < s.answered < 2]
    if few:
        notes.append(
            f"{len(few)} traits rest on a single answer each; the full form measures them "
            "more reliably."
        )
    missing = [s.trait.name for s in scores if s.answered == 0]
    if missing:
        notes.append(f"No answers for: {', '.join(missing)}. Those traits were left out.")
    return tuple(notes)


@dataclass(frozen=True)
class _Block:
    """One domain's columns with what every ranking would otherwise recompute."""

    columns: np.ndarray
    present: np.ndarray  # occupations with a rating for every trait of the domain
    mean: np.ndarray
    centred: np.ndarray  # zeros where absent
    spread: np.ndarray  # Σ centred², 1 where zero so it can divide


@dataclass(frozen=True)
class OccupationMatrix:
    """Occupations × traits, as 0–100 percentages (NaN where O*NET has no rating)."""

    codes: tuple[str, ...]
    traits: tuple[Trait, ...]
    values: np.ndarray
    release: str = ""
    blocks: dict[str, _Block] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        blocks = {}
        for domain in DOMAINS:
            columns = np.array([i for i, t in enumerate(self.traits) if t.domain == domain], int)
            if columns.size == 0:
                continue
            jobs = self.values[:, columns]
            present = ~np.isnan(jobs).any(axis=1)
            filled = np.where(present[:, None], jobs, 0.0)
            mean = filled.mean(axis=1)
            centred = np.where(present[:, None], filled - mean[:, None], 0.0)
            spread = (centred**2).sum(axis=1)
            blocks[domain] = _Block(
                columns, present, mean, centred, np.where(spread > 0, spread, 1.0)
            )
        object.__setattr__(self, "blocks", blocks)

    def index(self, code: str) -> int:
        return self.codes.index(code)


@dataclass(frozen=True)
class Ranking:
    """FIT for every occupation, in matrix order, and the order from best to worst."""

    fit: np.ndarray
    components: dict[str, np.ndarray]
    order: np.ndarray
    user: np.ndarray  # the user's percentages in matrix column order (NaN: not answered)
    # Per domain, each trait's share of the squared distance (occupations × domain traits).
    shares: dict[str, np.ndarray]
    weights: Weights

    def rank_of(self, index: int) -> int:
        return int(np.nonzero(self.order == index)[0][0]) + 1


def _user_vector(profile: Profile, matrix: OccupationMatrix) -> np.ndarray:
    found = {s.trait.element_id: s.percentage for s in profile.scores}
    return np.array(
        [np.nan if found.get(t.element_id) is None else found[t.element_id] for t in matrix.traits]
    )


def _distance(domain: str, block: _Block, user: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Squared distance per occupation, and each trait's share of it, for one domain.

    Shape: both profiles are centred on their own mean; the job's profile may be stretched or
    shrunk (slope within SLOPE_RANGE) to the user's, because people use a rating scale more or
    less boldly. Level: the difference of the means, weighted by LEVEL_SHARE. For work styles
    an excess costs EXCESS_COST of a shortfall of the same size. Traits the user has no answer
    for are left out of both profiles.
    """
    mask = ~np.isnan(user)
    if not mask.any():
        return np.full(block.present.size, np.nan), np.zeros((block.present.size, user.size))
    if mask.all():
        mine, mean, centred, spread = user, block.mean, block.centred, block.spread
    else:
        theirs = np.where(block.present[:, None], block.centred + block.mean[:, None], 0.0)
        theirs = theirs[:, mask]
        mine, mean = user[mask], theirs.mean(axis=1)
        centred = np.where(block.present[:, None], theirs - mean[:, None], 0.0)
        spread = (centred**2).sum(axis=1)
        spread = np.where(spread > 0, spread, 1.0)
    my_mean = mine.mean()
    centred_mine = mine - my_mean
    slope = np.clip((centred @ centred_mine) / spread, *SLOPE_RANGE)
    gap = centred_mine - slope[:, None] * centred
    level = my_mean - mean
    if domain == WORK_STYLES:
        gap = np.where(gap > 0, EXCESS_COST * gap, gap)
        level = np.where(level > 0, EXCESS_COST * level, level)
    shares = gap * gap / mine.size
    if not mask.all():
        full = np.zeros((block.present.size, user.size))
        full[:, mask] = shares
        shares = full
    squared = shares.sum(axis=1) + LEVEL_SHARE * level**2
    return np.where(block.present, squared, np.nan), shares


def _score(squared: np.ndarray) -> np.ndarray:
    return np.round(100.0 * np.clip(1.0 - np.sqrt(squared) / FULL_SCALE, 0.0, 1.0), 1)


def rank(profile: Profile, matrix: OccupationMatrix, weights: Weights = DEFAULT_WEIGHTS) -> Ranking:
    """FIT = 100 · (1 − √(Σ w·d²) / FULL_SCALE) over the domains an occupation has data for."""
    weights = weights.normalized()
    user = _user_vector(profile, matrix)
    n_jobs = len(matrix.codes)
    components: dict[str, np.ndarray] = {}
    weighted = np.zeros(n_jobs)
    weight_sum = np.zeros(n_jobs)
    all_shares: dict[str, np.ndarray] = {}
    for domain, block in matrix.blocks.items():
        columns = block.columns
        squared, shares = _distance(domain, block, user[columns])
        components[domain] = _score(squared)
        present = ~np.isnan(squared)
        weight = weights.of(domain)
        weighted += np.where(present, weight * np.nan_to_num(squared), 0.0)
        weight_sum += np.where(present, weight, 0.0)
        all_shares[domain] = shares
    combined = np.where(weight_sum > 0, weighted / np.where(weight_sum > 0, weight_sum, 1), np.nan)
    fit = _score(combined)
    # Best first; occupations with no comparable data last; ties by catalog order (by code).
    order = np.argsort(-np.nan_to_num(fit, nan=-1.0), kind="stable")
    return Ranking(
        fit=fit,
        components=components,
        order=order,
        user=user,
        shares=all_shares,
        weights=weights,
    )


@dataclass(frozen=True)
class Reason:
    trait: Trait
    yours: float
    job: float
    effect: float  # signed, relative
    text: str


def _sentence(trait: Trait, yours: float, job: float, raised: bool) -> str:
    you, it = f"{yours:.0f} %", f"{job:.0f} %"
    if trait.domain == INTERESTS:
        if raised:
            return f"Your {trait.name} interest ({you}) matches this job's ({it})."
        if yours > job:
            return f"You like {trait.name} work ({you}) more than this job offers ({it})."
        return f"This job is strongly {trait.name} ({it}); your interest is {you}."
    if trait.domain == WORK_STYLES:
        if raised:
            return f"This job needs {trait.name} {it}; you rated yourself {you}."
        return f"This job needs {trait.name} {it}, you rated yourself {you}."
    if raised:
        return f"You value {trait.name} ({you}) and this job offers it ({it})."
    if yours > job:
        return f"You value {trait.name} ({you}) more than this job offers ({it})."
    return f"This job offers much {trait.name} ({it}); it matters less to you ({you})."


def explain(
    ranking: Ranking, matrix: OccupationMatrix, index: int, limit: int = 3
) -> tuple[list[Reason], list[Reason]]:
    """The traits that raised and lowered one occupation's FIT the most.

    A trait raised the FIT when its share of the domain's distance is below the domain's average
    share, and lowered it when above; the difference, times the domain's weight and the trait's
    salience, ranks them.
    """
    effects = np.zeros(len(matrix.traits))
    for domain, shares in ranking.shares.items():
        block = matrix.blocks[domain]
        if not block.present[index]:
            continue
        row = shares[index]
        # Traits prominent for the user or the job make the better reasons: a shared dislike
        # explains less than a shared strong interest.
        salience = np.fmax(ranking.user[block.columns], matrix.values[index, block.columns]) / 100
        effects[block.columns] = ranking.weights.of(domain) * (row.mean() - row) * salience
    reasons = []
    for column in np.argsort(-np.abs(effects)):
        effect = float(effects[column])
        job = float(matrix.values[index, column])
        yours = float(ranking.user[column])
        if effect == 0 or math.isnan(job) or math.isnan(yours):
            continue
        trait = matrix.traits[column]
        reasons.append(Reason(trait, yours, job, effect, _sentence(trait, yours, job, effect > 0)))
    raised = [r for r in reasons if r.effect > 0][:limit]
    lowered = [r for r in reasons if r.effect < 0][:limit]
    return raised, lowered
