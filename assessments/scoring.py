"""The scoring method: answers → trait profile → FIT score 0–100 for every occupation.

Pure computation (NumPy, no ORM, no request). docs/scoring.md states the method with its formulas;
keep the two in step and bump SCORING_VERSION when results would change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

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
# A trait that raised the FIT is given as a reason only if you or the job reach this level.
SALIENT_FROM = 50.0
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


# (items, traits) → per item (key, trait position, keyed, points); held with the objects it was
# made from, so an identity check makes it safe to look up by id.
_compiled: dict[tuple[int, int], tuple[object, object, list[tuple[str, int, int, int]]]] = {}


def _compile(items: Sequence[ItemKey], traits: Sequence[Trait]) -> list[tuple[str, int, int, int]]:
    found = _compiled.get((id(items), id(traits)))
    if found is not None and found[0] is items and found[1] is traits:
        return found[2]
    position = {trait.element_id: i for i, trait in enumerate(traits)}
    table = [
        (item.key, position[item.element_id], item.keyed, item.points)
        for item in items
        if item.element_id in position
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
    counts = [0] * len(traits)
    raw: list[list[int]] = [[] for _ in traits]
    for key, position, keyed, points in _compile(items, traits):
        value = answers.get(key)
        if value is None:
            continue
        scored = value if keyed > 0 else points + 1 - value
        totals[position] += 100.0 * (scored - 1) / (points - 1)
        counts[position] += 1
        raw[position].append(value)
    scores = tuple(
        TraitScore(
            trait=trait,
            percentage=totals[i] / counts[i] if counts[i] else None,
            answered=counts[i],
        )
        for i, trait in enumerate(traits)
    )
    by_domain: dict[str, list[int]] = {}
    for trait, values in zip(traits, raw, strict=True):
        by_domain.setdefault(trait.domain, []).extend(values)
    riasec = [
        (score.percentage, -RIASEC_ELEMENTS.index(score.trait.element_id))
        for score in scores
        if score.trait.element_id in RIASEC_ELEMENTS and score.percentage is not None
    ]
    code = "".join(RIASEC_LETTERS[-index] for _pct, index in sorted(riasec, reverse=True)[:3])
    return Profile(scores=scores, holland_code=code, notes=_notes(scores, by_domain))


def _spread(values: Sequence[int]) -> float:
    """Population standard deviation; plain Python beats NumPy's call cost on a few dozen."""
    mean = sum(values) / len(values)
    return (sum((value - mean) ** 2 for value in values) / len(values)) ** 0.5


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
    contiguous block of columns; what does not depend on the user is computed once here.
    """

    codes: tuple[str, ...]
    traits: tuple[Trait, ...]
    values: np.ndarray
    release: str = ""
    domains: tuple[str, ...] = field(init=False)
    blocks: tuple[slice, ...] = field(init=False, repr=False)  # each domain's columns
    domain_of: np.ndarray = field(init=False, repr=False)  # per trait, its domain's position
    filled: np.ndarray = field(init=False, repr=False)  # values, NaN as 0
    present: np.ndarray = field(init=False, repr=False)  # occupations × domains: fully rated
    # For the usual case of a user who answered every trait of a domain.
    job_mean: np.ndarray = field(init=False, repr=False)  # domains × occupations
    # Filled minus the domain mean, stored traits × occupations: ranking works down a trait's
    # row of a thousand contiguous numbers, where NumPy is fastest.
    centred: np.ndarray = field(init=False, repr=False)
    # Domains × occupations: Σ centred², 1 where 0 so it can divide.
    spread: np.ndarray = field(init=False, repr=False)

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
        missing = np.isnan(values)
        filled = np.where(missing, 0.0, values)
        job_mean = np.stack([filled[:, b].mean(axis=1) for b in blocks], axis=1)
        centred = filled.copy()
        for i, block in enumerate(blocks):
            centred[:, block] -= job_mean[:, i : i + 1]
        derived = {
            "traits": traits,
            "values": values,
            "domains": domains,
            "blocks": tuple(blocks),
            "domain_of": np.array([domains.index(t.domain) for t in traits], dtype=int),
            "filled": filled,
            "present": np.stack([~missing[:, b].any(axis=1) for b in blocks], axis=1),
            "job_mean": np.ascontiguousarray(job_mean.T),
            "centred": np.ascontiguousarray(centred.T),
            "spread": np.stack([np.fmax((centred[:, b] ** 2).sum(axis=1), 1e-12) for b in blocks]),
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
    # Each trait's share of its domain's squared distance (traits × occupations).
    shares: np.ndarray
    squared: np.ndarray  # occupations × matrix domains: squared distance per domain
    valid: np.ndarray  # occupations × domains: the component could be scored
    weights: Weights
    domains: tuple[str, ...] = ()

    @cached_property
    def components(self) -> dict[str, np.ndarray]:
        """Each domain's own 0–100 score per occupation (NaN where not rated); made on demand,
        since ranking alone does not need them."""
        scores = np.where(self.valid, score_from_squared(self.squared), np.nan)
        return {domain: scores[:, i] for i, domain in enumerate(self.domains)}

    def rank_of(self, index: int) -> int:
        return int(np.nonzero(self.order == index)[0][0]) + 1


def _user_vector(profile: Profile, matrix: OccupationMatrix) -> np.ndarray:
    found = {s.trait.element_id: s.percentage for s in profile.scores}
    return np.array(
        [np.nan if found.get(t.element_id) is None else found[t.element_id] for t in matrix.traits]
    )


def score_from_squared(squared: np.ndarray) -> np.ndarray:
    """0–100 from a squared distance: 100 at no distance, 0 at FULL_SCALE points or more."""
    return np.round(100.0 * np.clip(1.0 - np.sqrt(squared) / FULL_SCALE, 0.0, 1.0), 1)


def combine(
    squared: np.ndarray, valid: np.ndarray, domains: Sequence[str], weights: Weights
) -> np.ndarray:
    """FIT from per-domain squared distances (occupations × domains) under some weights.

    An occupation O*NET has not rated in a domain takes that domain's median distance over the
    occupations that are rated: the gap in the data neither lifts it above nor sinks it below
    fully rated ones. Occupations rated in no domain get no FIT. Results keep the squared
    distances, so a stored result can be re-weighted without the catalog.
    """
    weights = weights.normalized()
    # One contiguous row per domain: reductions across three short columns are slow in NumPy.
    rows = np.ascontiguousarray(np.asarray(squared, dtype=float).T)
    rated = np.ascontiguousarray(np.asarray(valid, dtype=bool).T)
    usable = rated.any(axis=1)
    domain_weights = np.array(
        [weights.of(domain) if usable[i] else 0.0 for i, domain in enumerate(domains)]
    )
    if domain_weights.sum() == 0:
        return np.full(rows.shape[1], np.nan)
    for i in np.nonzero(usable & ~rated.all(axis=1))[0]:
        rows[i] = np.where(rated[i], rows[i], _median(rows[i][rated[i]]))
    combined = (domain_weights @ rows) / domain_weights.sum()
    return np.where(np.logical_or.reduce(rated, axis=0), score_from_squared(combined), np.nan)


def _median(values: np.ndarray) -> float:
    # np.median's checks cost more than the partition itself on a thousand values.
    middle = values.size // 2
    if values.size % 2:
        return float(np.partition(values, middle)[middle])
    low, high = np.partition(values, [middle - 1, middle])[middle - 1 : middle + 1]
    return float((low + high) / 2)


def order_of(fit: np.ndarray) -> np.ndarray:
    """Best first; occupations with no comparable data last; ties by catalog order (code)."""
    # FIT has one decimal, so tenths and the catalog position make one unique integer key.
    tenths = np.rint(np.nan_to_num(fit, nan=-1.0) * 10).astype(np.int64)
    return np.argsort(-tenths * fit.size + np.arange(fit.size))


def rank(profile: Profile, matrix: OccupationMatrix, weights: Weights = DEFAULT_WEIGHTS) -> Ranking:
    """Score every occupation: FIT = 100 · (1 − √(Σ w·d²) / FULL_SCALE), d² per domain.

    Per domain, d² = mean over traits of (shape gap)² + LEVEL_SHARE · (level gap)². Shape: both
    profiles centred on their own mean, the job's stretched or shrunk (slope within
    SLOPE_RANGE) to the user's, because people use a rating scale more or less boldly. Level:
    the difference of the means. For work styles an excess costs EXCESS_COST of a shortfall.
    Traits the user did not answer are left out of both profiles; a domain the job has no full
    ratings for takes the domain's median distance (see `combine`).
    """
    weights = weights.normalized()
    user = _user_vector(profile, matrix)
    answered = ~np.isnan(user)
    n_jobs = len(matrix.codes)
    squared = np.zeros((len(matrix.domains), n_jobs))  # domains × occupations
    shares = np.zeros((len(matrix.traits), n_jobs))  # traits × occupations
    usable = np.zeros(len(matrix.domains), dtype=bool)
    for i, (domain, block) in enumerate(zip(matrix.domains, matrix.blocks, strict=True)):
        mask = answered[block]
        if not mask.any():
            continue
        usable[i] = True
        mine = user[block]
        my_mean = mine[mask].mean()
        centred_mine = np.where(mask, mine - my_mean, 0.0)
        if mask.all():
            job_mean, centred_job = matrix.job_mean[i], matrix.centred[block]
            spread = matrix.spread[i]
        else:
            theirs = matrix.filled[:, block].T
            job_mean = theirs[mask].mean(axis=0)
            centred_job = np.where(mask[:, None], theirs - job_mean, 0.0)
            spread = np.fmax((centred_job * centred_job).sum(axis=0), 1e-12)
        slope = np.clip(centred_mine @ centred_job / spread, *SLOPE_RANGE)
        # Work in place in this domain's rows of `shares`: gap, then its square over n.
        gap = shares[block]
        np.multiply(centred_job, slope, out=gap)
        np.subtract(centred_mine[:, None], gap, out=gap)
        level = my_mean - job_mean
        if domain == WORK_STYLES:
            gap -= (1 - EXCESS_COST) * np.maximum(gap, 0.0)
            level = level - (1 - EXCESS_COST) * np.maximum(level, 0.0)
        np.multiply(gap, gap, out=gap)
        gap *= 1.0 / mask.sum()
        squared[i] = gap.sum(axis=0) + LEVEL_SHARE * level * level
    squared = squared.T
    valid = matrix.present & usable

    fit = combine(squared, valid, matrix.domains, weights)
    order = order_of(fit)
    return Ranking(
        fit=fit,
        order=order,
        user=user,
        shares=shares,
        squared=squared,
        valid=valid,
        weights=weights,
        domains=matrix.domains,
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
    """The traits that raised and lowered one occupation's FIT the most."""
    return explain_many(ranking, matrix, [index], limit)[0]


def explain_many(
    ranking: Ranking, matrix: OccupationMatrix, indices: Sequence[int], limit: int = 3
) -> list[tuple[list[Reason], list[Reason]]]:
    """Reasons for several occupations at once (one array pass, not one per occupation).

    A trait raised the FIT when its share of the domain's distance is below the domain's average
    share, and lowered it when above; the difference, times the domain's weight and the trait's
    salience (the larger of the two percentages), ranks them. A shared dislike explains less than
    a shared strong interest.
    """
    rows = np.asarray(indices, dtype=int)
    picked = ranking.shares[:, rows].T
    answered = ~np.isnan(ranking.user)
    mean_share = np.stack(
        [picked[:, b].sum(axis=1) / max(answered[b].sum(), 1) for b in matrix.blocks], axis=1
    )
    domain_weights = np.array([ranking.weights.of(domain) for domain in matrix.domains])
    salience = np.fmax(np.nan_to_num(ranking.user), matrix.filled[rows]) / 100
    effects = (
        domain_weights[matrix.domain_of] * (mean_share[:, matrix.domain_of] - picked) * salience
    )
    effects = np.where(ranking.valid[rows][:, matrix.domain_of] & answered, effects, 0.0)
    order = np.argsort(-np.abs(effects), axis=1, kind="stable")
    out = []
    for position, index in enumerate(rows):
        raised: list[Reason] = []
        lowered: list[Reason] = []
        weak: list[Reason] = []
        for column in order[position]:
            effect = float(effects[position, column])
            if effect == 0 or (len(raised) >= limit and len(lowered) >= limit):
                break
            chosen = raised if effect > 0 else lowered
            if len(chosen) >= limit:
                continue
            trait = matrix.traits[column]
            yours = float(ranking.user[column])
            job = float(matrix.values[index, column])
            reason = Reason(trait, yours, job, effect, _sentence(trait, yours, job, effect > 0))
            if effect > 0 and max(yours, job) < SALIENT_FROM:
                weak.append(reason)  # sharing a dislike is a weak reason to take a job
            else:
                chosen.append(reason)
        out.append((raised or weak[:limit], lowered))
    return out
