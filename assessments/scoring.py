"""The scoring method: answers → trait profile → FIT score 0–100 for every occupation.

Pure computation (NumPy, no ORM, no request). docs/scoring.md states the method with its formulas;
keep the two in step and bump SCORING_VERSION when results would change.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np

from assessments import reasons
from careerfit.numbers import whole

SCORING_VERSION = "2.0"

INTERESTS = "interests"
WORK_STYLES = "work_styles"
WORK_VALUES = "work_values"
DOMAINS = (INTERESTS, WORK_STYLES, WORK_VALUES)
DOMAIN_LABELS = {INTERESTS: "Interests", WORK_STYLES: "Work styles", WORK_VALUES: "Work values"}
RIASEC_ELEMENTS = ("1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f")
RIASEC_LETTERS = "RIASEC"

# FIT = 100 / (1 + (distance / FIT_HALF) ** FIT_STEEPNESS): 100 at no distance, 50 at FIT_HALF
# percentage points (root mean square). Calibrated on simulated respondents (`bench/scoring.py
# --calibrate`, docs/scoring.md): the median short-form self-match reads 85, the median random
# person–job pair 30.
FIT_HALF = 16.5
FIT_STEEPNESS = 3.4
# Words for FIT ranges: (lowest FIT as shown, in whole numbers; word; what it means). The
# thresholds are where random person–job pairs thin out (`bench/scoring.py --calibrate`).
BANDS = (
    (90, "excellent", "closer than 99 in 100 random pairings of a person and a career"),
    (70, "good", "closer than 9 in 10 random pairings"),
    (50, "fair", "closer than 3 in 4 random pairings"),
    (0, "weak", "no closer than most random pairings"),
)
# How much a difference in overall level counts next to a difference in shape. Low, because how
# high someone rates everything says as much about their answering habits as about them.
LEVEL_SHARE = 0.25
# How far a job's profile may be stretched or shrunk to meet the user's use of the scale.
SLOPE_RANGE = (0.6, 1.6)
# Having more of a work style than a job needs costs this fraction of falling short by as much.
EXCESS_COST = 0.25
# Answers this flat (population SD of a section, in scale points) say little about preferences.
FLAT_SD = 0.5
# Domains where a user's shape gaps are measured in a typical job profile's units when the user
# rates more boldly than that (see `_boldness`). Interests only: people's interests differ far
# more sharply than O*NET's job profiles; in work styles and values the same rule cost recall in
# the simulated check (bench/scoring.py).
BOLDNESS_DOMAINS = (INTERESTS,)


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


class TraitScore(NamedTuple):
    trait: Trait
    percentage: float | None  # None when no item of the trait was answered
    answered: int
    # Standard error of the percentage, from how the person's answers vary within the traits of
    # its domain (assessments/confidence.py); None when not answered or not known.
    error: float | None = None


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


# (items, traits) → per item (key, trait position, domain position, keyed, points); held with the
# objects it was made from, so an identity check makes it safe to look up by id.
_Compiled = list[tuple[str, int, int, int, int]]
_compiled: dict[tuple[int, int], tuple[object, object, _Compiled]] = {}


def _compile(items: Sequence[ItemKey], traits: Sequence[Trait]) -> _Compiled:
    found = _compiled.get((id(items), id(traits)))
    if found is not None and found[0] is items and found[1] is traits:
        return found[2]
    position = {trait.element_id: i for i, trait in enumerate(traits)}
    domain = [DOMAINS.index(t.domain) if t.domain in DOMAINS else len(DOMAINS) for t in traits]
    table = [
        (item.key, at, domain[at], item.keyed, item.points)
        for item in items
        if (at := position.get(item.element_id)) is not None
    ]
    if len(_compiled) > 16:
        _compiled.clear()
    _compiled[(id(items), id(traits))] = (items, traits, table)
    return table


def build_profile(
    *, answers: Mapping[str, int], items: Sequence[ItemKey], traits: Sequence[Trait]
) -> Profile:
    """Trait percentages from item answers: reverse keys applied, 0 % = lowest answer everywhere."""
    totals = [0.0] * len(traits)
    squares = [0.0] * len(traits)
    counts = [0] * len(traits)
    domain_of = [len(DOMAINS)] * len(traits)
    raw: list[list[int]] = [[] for _ in range(len(DOMAINS) + 1)]
    for key, position, domain, keyed, points in _compile(items, traits):
        value = answers.get(key)
        if value is None:
            continue
        scored = value if keyed > 0 else points + 1 - value
        percentage = 100.0 * (scored - 1) / (points - 1)
        totals[position] += percentage
        squares[position] += percentage * percentage
        counts[position] += 1
        domain_of[position] = domain
        raw[domain].append(value)
    errors = _errors(totals, squares, counts, domain_of)
    scores = tuple(
        TraitScore(trait, totals[i] / counts[i] if counts[i] else None, counts[i], errors[i])
        for i, trait in enumerate(traits)
    )
    riasec = [
        (score.percentage, -RIASEC_ELEMENTS.index(score.trait.element_id))
        for score in scores
        if score.trait.element_id in RIASEC_ELEMENTS and score.percentage is not None
    ]
    code = "".join(RIASEC_LETTERS[-index] for _pct, index in sorted(riasec, reverse=True)[:3])
    by_domain = dict(zip(DOMAINS, raw[: len(DOMAINS)], strict=True))
    return Profile(scores=scores, holland_code=code, notes=_notes(scores, by_domain))


# Spread of one person's answers about a trait's mean (percentage points) assumed before their
# answers are seen: one scale point (bench/scoring.py's respondents answer with 0.9 of noise,
# then round to whole answers). It counts as PRIOR_ANSWERS answers' worth, so a few identical
# answers do not make a trait look certain.
ITEM_SPREAD = 25.0
PRIOR_ANSWERS = 8


def _errors(
    totals: Sequence[float],
    squares: Sequence[float],
    counts: Sequence[int],
    domain_of: Sequence[int],
) -> list[float | None]:
    """Per trait, the standard error of its percentage: the spread of the person's answers
    about each trait's own mean, pooled over the traits of the domain (and with ITEM_SPREAD),
    over √answers."""
    pooled: dict[int, list[float]] = {}
    for total, square, count, domain in zip(totals, squares, counts, domain_of, strict=True):
        if count >= 2:
            sums = pooled.setdefault(domain, [0.0, 0.0])
            sums[0] += max(square - total * total / count, 0.0)
            sums[1] += count - 1
    errors: list[float | None] = []
    for count, domain in zip(counts, domain_of, strict=True):
        if not count:
            errors.append(None)
            continue
        squares_sum, freedom = pooled.get(domain, (0.0, 0))
        variance = (squares_sum + PRIOR_ANSWERS * ITEM_SPREAD**2) / (freedom + PRIOR_ANSWERS)
        errors.append((variance / count) ** 0.5)
    return errors


def _spread(values: Sequence[int]) -> float:
    """Population standard deviation; plain Python beats NumPy's call cost on a few dozen."""
    mean = sum(values) / len(values)
    # Σx²/n − mean² rather than Σ(x − mean)²/n: one C-level map instead of a generator; answers
    # are small integers, so the subtraction loses nothing that matters.
    return max(sum(map(operator.mul, values, values)) / len(values) - mean * mean, 0.0) ** 0.5


def _notes(scores: Sequence[TraitScore], by_domain: Mapping[str, list[int]]) -> tuple[str, ...]:
    notes = []
    for domain in DOMAINS:
        values = by_domain.get(domain, [])
        if len(values) >= 4 and _spread(values) < FLAT_SD:
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
class OccupationMatrix:
    """Occupations × traits, as 0–100 percentages (NaN where O*NET has no rating).

    Traits are kept grouped by domain (reordered here if they come mixed), so each domain is a
    contiguous block of columns. What does not depend on the user is computed once here, and
    kept domains × occupations or traits × occupations: ranking then works along rows of a
    thousand contiguous numbers, where NumPy is fastest.
    """

    codes: tuple[str, ...]
    traits: tuple[Trait, ...]
    values: np.ndarray
    release: str = ""
    domains: tuple[str, ...] = field(init=False)
    blocks: tuple[slice, ...] = field(init=False, repr=False)  # each domain's columns
    domain_of: np.ndarray = field(init=False, repr=False)  # per trait, its domain's position
    member: np.ndarray = field(init=False, repr=False)  # domains × traits: 1 where it belongs
    filled: np.ndarray = field(init=False, repr=False)  # values, NaN as 0
    present: np.ndarray = field(init=False, repr=False)  # domains × occupations: fully rated
    # For the usual case of a user who answered every trait of a domain:
    job_mean: np.ndarray = field(init=False, repr=False)  # domains × occupations
    centred: np.ndarray = field(init=False, repr=False)  # traits × occupations: filled − mean
    spread: np.ndarray = field(init=False, repr=False)  # domains × occupations: Σ centred²
    rated: list[int] = field(init=False, repr=False)  # per domain, occupations fully rated
    nowhere: np.ndarray = field(init=False, repr=False)  # occupations rated in no domain
    # Per work style, the part of a positive gap's square that an excess does not cost.
    take_back: np.ndarray = field(init=False, repr=False)
    # Per domain, the median over occupations of a job profile's spread (RMS about its mean);
    # infinite outside BOLDNESS_DOMAINS.
    typical_spread: tuple[float, ...] = field(init=False, repr=False)

    @cached_property
    def row_of(self) -> dict[str, int]:
        """Code → row; made once per matrix, which is cached per catalog version."""
        return {code: row for row, code in enumerate(self.codes)}

    def __post_init__(self) -> None:
        order = sorted(
            range(len(self.traits)),
            key=lambda i: (
                DOMAINS.index(self.traits[i].domain)
                if self.traits[i].domain in DOMAINS
                else len(DOMAINS)
            ),
        )
        traits = tuple(self.traits[i] for i in order)
        values = np.asarray(self.values, dtype=float).reshape(len(self.codes), len(traits))
        values = values[:, order]
        domains = tuple(d for d in DOMAINS if any(t.domain == d for t in traits))
        blocks = []
        for domain in domains:
            columns = [i for i, t in enumerate(traits) if t.domain == domain]
            blocks.append(slice(columns[0], columns[-1] + 1))
        domain_of = np.array([domains.index(t.domain) for t in traits], dtype=int)
        missing = np.isnan(values)
        present = np.stack([~missing[:, b].any(axis=1) for b in blocks])
        filled = np.where(missing, 0.0, values)
        job_mean = np.stack([filled[:, b].mean(axis=1) for b in blocks])
        centred = filled.T.copy()
        for i, block in enumerate(blocks):
            centred[block] -= job_mean[i]
        derived = {
            "traits": traits,
            "values": values,
            "domains": domains,
            "blocks": tuple(blocks),
            "domain_of": domain_of,
            "member": (np.arange(len(domains))[:, None] == domain_of).astype(float),
            "filled": filled,
            "present": present,
            "rated": present.sum(axis=1).tolist(),
            "nowhere": np.flatnonzero(~present.any(axis=0)),
            "take_back": np.full(sum(t.domain == WORK_STYLES for t in traits), 1 - EXCESS_COST**2),
            "job_mean": job_mean,
            "centred": centred,
            # 1e-12 where a job rates every trait alike, so it can divide.
            "spread": np.stack([np.fmax((centred[b] ** 2).sum(axis=0), 1e-12) for b in blocks]),
            "typical_spread": tuple(
                float(np.median(np.sqrt((centred[b][:, present[i]] ** 2).mean(axis=0))))
                if domains[i] in BOLDNESS_DOMAINS and present[i].any()
                else math.inf
                for i, b in enumerate(blocks)
            ),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def index(self, code: str) -> int:
        return self.codes.index(code)


@dataclass(frozen=True)
class Ranking:
    """FIT for every occupation, in matrix order, and the order from best to worst."""

    fit: np.ndarray
    order: np.ndarray
    user: np.ndarray  # the user's percentages in matrix column order (NaN: not answered)
    squared: np.ndarray  # occupations × matrix domains: squared distance per domain
    valid: np.ndarray  # occupations × domains: the component could be scored
    weights: Weights
    domains: tuple[str, ...]
    # What `explain` needs to take one occupation's distance apart trait by trait; kept rather
    # than a traits × occupations table of parts, which ranking alone does not need.
    mine: np.ndarray  # per trait, the user's centred percentage (0: unanswered)
    theirs: np.ndarray  # traits × occupations, centred as compared with the user
    slope: np.ndarray  # domains × occupations
    answered: np.ndarray  # per domain, traits answered (at least 1)
    # Per domain, what a squared shape gap counts: (boldness factor)² / traits answered.
    per_trait: np.ndarray

    @cached_property
    def components(self) -> dict[str, np.ndarray]:
        """Each domain's own 0–100 score per occupation (NaN where not rated); made on demand,
        since ranking alone does not need them."""
        scores = np.where(self.valid, score_from_squared(self.squared), np.nan)
        return {domain: scores[:, i] for i, domain in enumerate(self.domains)}

    def rank_of(self, index: int) -> int:
        return int(np.nonzero(self.order == index)[0][0]) + 1


def _tenths(squared: np.ndarray) -> np.ndarray:
    """FIT in whole tenths from squared distances, on the calibrated curve (see FIT_HALF).

    Tenths, since FIT is shown to one decimal and sorts on them; in place where it can be,
    since every NumPy call costs as much as the arithmetic on a thousand values.
    """
    # `out` keeps even a single value an array, which the in-place steps need. The power of
    # the squared distance spares a square root.
    tenths = np.multiply(squared, 1.0 / FIT_HALF**2, out=np.empty(np.shape(squared)))
    np.power(tenths, FIT_STEEPNESS / 2, out=tenths)
    tenths += 1.0
    np.divide(1000.0, tenths, out=tenths)
    return np.rint(tenths, out=tenths)


def score_from_squared(squared: np.ndarray) -> np.ndarray:
    """0–100, to one decimal, from a squared distance."""
    return _tenths(squared) / 10.0


def fit_from_distance(distance: float) -> float:
    """The calibrated curve for one root-mean-square distance, unrounded."""
    return 100.0 / (1.0 + (max(distance, 0.0) / FIT_HALF) ** FIT_STEEPNESS)


def band(fit: float | None) -> str:
    """The word for a FIT, read from the whole number shown, so the two never disagree."""
    if fit is None or fit != fit:
        return ""
    shown = whole(fit)
    return next(word for lowest, word, _meaning in BANDS if shown >= lowest)


def combine(
    squared: np.ndarray, valid: np.ndarray, domains: Sequence[str], weights: Weights
) -> np.ndarray:
    """FIT from per-domain squared distances (occupations × domains) under some weights.

    Results keep the squared distances, so a stored result can be re-weighted without the
    catalog.
    """
    weights = weights.normalized()
    rows = np.asarray(squared, dtype=float).T
    rated = np.asarray(valid, dtype=bool).T
    counts = np.add.reduce(rated, axis=1, dtype=int).tolist()
    nowhere = np.flatnonzero(~np.logical_or.reduce(rated, axis=0))
    weighting = [weights.of(domain) for domain in domains]
    return _fit_tenths(rows, rated, weighting, counts, nowhere) / 10.0


def _fit_tenths(
    rows: np.ndarray,
    rated: np.ndarray,
    weights: Sequence[float],
    counts: Sequence[int],
    nowhere: np.ndarray,
) -> np.ndarray:
    """FIT in tenths from squared distances and where they count (both domains × occupations),
    given how many occupations each domain rates and which (by index) no domain rates.

    An occupation O*NET has not rated in a domain takes that domain's median distance over the
    occupations that are rated: the gap in the data neither lifts it above nor sinks it below
    fully rated ones. Occupations rated in no domain get no FIT (NaN).
    """
    size = rows.shape[1]
    weights = [weight if count else 0.0 for weight, count in zip(weights, counts, strict=True)]
    total_weight = sum(weights)
    if not total_weight:
        return np.full(size, np.nan)
    medians, needed = [[0.0] for _ in counts], False
    for i, (weight, count) in enumerate(zip(weights, counts, strict=True)):
        # Occupations rated nowhere get no FIT, so only gaps beside other ratings need filling.
        if weight and count < size - len(nowhere):
            middle = [(count - 1) // 2, count // 2]
            values = rows[i][rated[i]]
            values.partition(middle)
            medians[i][0], needed = (values[middle[0]] + values[middle[1]]) / 2, True
    if needed:
        rows = np.where(rated, rows, medians)
    total = np.array(weights) @ rows
    total /= total_weight
    total[nowhere] = np.nan
    return _tenths(total)


def order_of(fit: np.ndarray) -> np.ndarray:
    """Best first; occupations with no comparable data last; ties by catalog order (code)."""
    return _order_of_tenths(np.rint(np.multiply(fit, 10.0)))


def _order_of_tenths(tenths: np.ndarray) -> np.ndarray:
    # Tenths behind 1000 fit in 16 bits, which NumPy's stable sort orders by radix, keeping ties
    # in catalog order. fmin puts NaN (no FIT) behind everything.
    behind = np.subtract(1000.0, tenths)
    np.fmin(behind, 2000.0, out=behind)
    return behind.astype(np.int16).argsort(kind="stable")


class _You(NamedTuple):
    """The user's side, per trait in matrix order and per domain; a few dozen numbers, where
    plain Python beats NumPy's cost per call."""

    values: list[float | None]
    centred: list[float]  # minus the domain's mean; 0 where not answered
    means: list[float]
    squares: list[float]  # Σ centred² per domain
    counts: list[int]  # traits answered per domain


def _your_side(profile: Profile, matrix: OccupationMatrix) -> _You:
    found = {s.trait.element_id: s.percentage for s in profile.scores}
    values = [found.get(trait.element_id) for trait in matrix.traits]
    n = len(matrix.domains)
    you = _You(values, centred=[0.0] * len(values), means=[0.0] * n, squares=[0.0] * n, counts=[])
    for i, block in enumerate(matrix.blocks):
        given = [value for value in values[block] if value is not None]
        you.counts.append(len(given))
        if not given:
            continue
        you.means[i] = mean = sum(given) / len(given)
        for column in range(block.start, block.stop):
            if values[column] is not None:
                you.centred[column] = gap = values[column] - mean
                you.squares[i] += gap * gap
    return you


def _without_skipped(
    matrix: OccupationMatrix, user: np.ndarray, you: _You
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The job side (centred, mean, spread) when the user skipped some traits of a domain:
    those traits leave the job's profile too, which moves its mean."""
    theirs, job_mean, spread = matrix.centred, matrix.job_mean, matrix.spread
    for i, block in enumerate(matrix.blocks):
        if you.counts[i] in (0, block.stop - block.start):
            continue
        if theirs is matrix.centred:
            theirs, job_mean, spread = theirs.copy(), job_mean.copy(), spread.copy()
        kept = ~np.isnan(user[block])
        ratings = matrix.filled[:, block].T
        job_mean[i] = ratings[kept].mean(axis=0)
        theirs[block] = np.where(kept[:, None], ratings - job_mean[i], 0.0)
        spread[i] = np.fmax((theirs[block] ** 2).sum(axis=0), 1e-12)
    return theirs, job_mean, spread


def rank(profile: Profile, matrix: OccupationMatrix, weights: Weights = DEFAULT_WEIGHTS) -> Ranking:
    """Score every occupation: FIT = 100 / (1 + (√(Σ w·d²) / FIT_HALF)^FIT_STEEPNESS).

    Per domain, d² = mean over traits of (shape gap)² + LEVEL_SHARE · (level gap)². Shape: both
    profiles centred on their own mean, the job's stretched or shrunk (slope within
    SLOPE_RANGE) to the user's, because people use a rating scale more or less boldly. Level:
    the difference of the means. For work styles an excess costs EXCESS_COST of a shortfall.
    Traits the user did not answer are left out of both profiles; a domain the job has no full
    ratings for takes the domain's median distance (see `_fit_tenths`).
    """
    weights = weights.normalized()
    you = _your_side(profile, matrix)
    user = np.array([np.nan if value is None else value for value in you.values])
    centred_mine = np.array(you.centred)
    theirs, job_mean, spread = _without_skipped(matrix, user, you)
    # Per domain, as columns: Σ (mine − my mean)², my mean, what a squared shape gap counts.
    answered = [max(count, 1) for count in you.counts]
    per_trait = [
        _boldness(squares / n, typical) / n
        for squares, n, typical in zip(you.squares, answered, matrix.typical_spread, strict=True)
    ]
    per_domain = np.array([you.squares, you.means, per_trait]).T

    # Per domain Σ (mine − slope · job)², expanded so no traits × occupations array is needed.
    cross = np.empty_like(spread)
    for i, block in enumerate(matrix.blocks):
        # A product per domain: BLAS's matrix-matrix path costs more at three rows.
        np.dot(centred_mine[block], theirs[block], out=cross[i])
    slope = cross / spread
    np.maximum(slope, SLOPE_RANGE[0], out=slope)
    np.minimum(slope, SLOPE_RANGE[1], out=slope)
    distance = slope * spread
    cross *= 2.0
    distance -= cross
    distance *= slope
    distance += per_domain[:, :1]
    level = per_domain[:, 1:2] - job_mean
    styles = matrix.domains.index(WORK_STYLES) if WORK_STYLES in matrix.domains else None
    if styles is not None and you.counts[styles]:
        # A positive gap counts EXCESS_COST of itself: take back the rest of its square.
        block = matrix.blocks[styles]
        over = np.multiply(theirs[block], slope[styles])
        np.subtract(centred_mine[block, None], over, out=over)
        np.maximum(over, 0.0, out=over)
        over *= over
        distance[styles] -= matrix.take_back @ over
        # min(L, c·L) is c·L for a positive L and L otherwise.
        np.minimum(level[styles], EXCESS_COST * level[styles], out=level[styles])
    # Rounding can take an exact match a hair below zero.
    np.maximum(distance, 0.0, out=distance)
    distance *= per_domain[:, 2:]
    level *= level
    level *= LEVEL_SHARE
    distance += level

    if all(you.counts):
        valid, rated, nowhere = matrix.present, matrix.rated, matrix.nowhere
    else:
        valid = matrix.present & (np.array(you.counts) > 0)[:, None]
        rated = np.add.reduce(valid, axis=1, dtype=int).tolist()
        nowhere = np.flatnonzero(~np.logical_or.reduce(valid, axis=0))
    weighting = [weights.of(domain) for domain in matrix.domains]
    tenths = _fit_tenths(distance, valid, weighting, rated, nowhere)
    return Ranking(
        fit=tenths / 10.0,
        order=_order_of_tenths(tenths),
        user=user,
        squared=distance.T,
        valid=valid.T,
        weights=weights,
        domains=matrix.domains,
        mine=centred_mine,
        theirs=theirs,
        slope=slope,
        answered=np.array(answered),
        per_trait=np.array(per_trait),
    )


def _boldness(variance: float, typical: float) -> float:
    """The factor on a domain's squared shape gaps for a user whose answers spread this much.

    A user who rates boldly (a spread above the typical job profile's) leaves larger gaps for the
    same likeness of shape; they are measured in the typical job's units, so a clear profile is
    not marked down for being clear. A user as flat as a job or flatter is measured as is.
    """
    spread = variance**0.5
    if spread <= typical or spread <= 0:
        return 1.0
    return (typical / spread) ** 2


class Reason(NamedTuple):
    trait: Trait
    yours: float
    job: float
    effect: float  # signed, relative
    text: str


def explain(
    ranking: Ranking, matrix: OccupationMatrix, index: int, limit: int = 3
) -> tuple[list[Reason], list[Reason]]:
    """The traits that raised and lowered one occupation's FIT the most."""
    return explain_many(ranking, matrix, [index], limit)[0]


def explain_many(
    ranking: Ranking, matrix: OccupationMatrix, indices: Sequence[int], limit: int = 3
) -> list[tuple[list[Reason], list[Reason]]]:
    """Reasons for several occupations at once (one array pass, not one per occupation).

    Each trait's effect is its share of the domain's distance against the domain's average
    share, times the domain's weight and the trait's salience (the larger of the two
    percentages). The effect orders the traits; whether a trait is named at all is read from the
    two percentages (assessments/reasons.py): a reason it fits only when they bear it out, a
    "but" only for a real gap.
    """
    rows = np.asarray(indices, dtype=int)
    domain_of = matrix.domain_of
    # Each trait's part of its domain's squared distance, as `rank` summed them (rows × traits).
    gap = np.multiply(ranking.slope.T[rows][:, domain_of], ranking.theirs.T[rows])
    np.subtract(ranking.mine, gap, out=gap)
    if WORK_STYLES in matrix.domains:
        styles = gap[:, matrix.blocks[matrix.domains.index(WORK_STYLES)]]
        np.minimum(styles, EXCESS_COST * styles, out=styles)  # c·g where g > 0, as in `rank`
    gap *= gap
    gap *= ranking.per_trait[domain_of]
    effects = ((gap @ matrix.member.T) / ranking.answered)[:, domain_of]
    effects -= gap
    effects *= np.fmax(ranking.user, matrix.filled[rows])
    # Weighted by domain; nothing where the job is unrated or the trait unanswered.
    weights = [ranking.weights.of(domain) / 100 for domain in matrix.domains]
    answered = ~np.isnan(ranking.user)
    usable = np.where(ranking.valid[rows], weights, 0.0)[:, domain_of] * answered
    effects *= usable
    order = np.negative(effects).argsort(axis=1, kind="stable")
    at = np.arange(rows.size)[:, None]
    fits, buts = reasons.kinds(
        [trait.domain for trait in matrix.traits], ranking.user, matrix.values[rows]
    )
    counts = usable > 0
    # The walks below stop after a few traits a row, so they run on plain lists.
    yours_of, jobs = ranking.user.tolist(), matrix.values[rows].tolist()
    traits = matrix.traits
    out = []
    for columns, ordered, fit_at, but_at, job_of in zip(
        order.tolist(),
        effects[at, order].tolist(),
        (fits & counts)[at, order].tolist(),
        (buts & counts)[at, order].tolist(),
        jobs,
        strict=True,
    ):
        found: dict[str, list[Reason]] = {"fits": [], "but": []}
        # Best effects first for what fits, worst first for the buts.
        for wanted, marks, walk in (
            ("fits", fit_at, range(len(columns))),
            ("but", but_at, range(len(columns) - 1, -1, -1)),
        ):
            chosen = found[wanted]
            for at_column in walk:
                if len(chosen) >= limit:
                    break
                if not marks[at_column]:
                    continue
                column = columns[at_column]
                trait, yours, job = traits[column], yours_of[column], job_of[column]
                text = reasons.sentence(trait.domain, trait.name, yours, job, wanted)
                chosen.append(Reason(trait, yours, job, ordered[at_column], text))
        out.append((found["fits"], found["but"]))
    return out
