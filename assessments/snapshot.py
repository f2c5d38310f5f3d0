"""Read a stored Result back into the scoring module's terms. Pure: no ORM, no request.

A Result keeps, per occupation, the FIT under the weights it was scored with. Each domain's
squared distance comes from ranking its profile again (its profile rows rebuild the Profile);
from those the part scores and any other weighting follow (scoring.combine).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assessments.scoring import (
    DEFAULT_WEIGHTS,
    DOMAINS,
    Profile,
    Trait,
    TraitScore,
    Weights,
    combine,
    order_of,
    score_from_squared,
)


@dataclass(frozen=True)
class Standing:
    """FIT and component scores of every stored occupation under one weighting."""

    fit: np.ndarray  # per code, NaN where nothing could be compared
    components: dict[str, np.ndarray]  # domain → per code 0–100, NaN where not scored
    order: np.ndarray  # positions into the codes, best first
    weights: Weights  # normalised


def stored_weights(data: Mapping[str, object]) -> Weights:
    """The weights a result was scored with; the defaults for anything missing or unusable."""
    values = []
    for domain in DOMAINS:
        value = data.get(domain, DEFAULT_WEIGHTS.of(domain))
        values.append(
            float(value) if isinstance(value, int | float) else DEFAULT_WEIGHTS.of(domain)
        )
    try:
        return Weights(*values).normalized()
    except ValueError:
        return DEFAULT_WEIGHTS.normalized()


def same_weights(one: Weights, other: Weights) -> bool:
    """Equal once normalised, at the precision results store weights with."""
    return one.normalized().as_dict() == other.normalized().as_dict()


def standing(
    *,
    fit: Sequence[float | None] | np.ndarray,
    squared: Mapping[str, Sequence[float | None] | np.ndarray],
    scored_with: Weights,
    weights: Weights,
) -> Standing:
    """Scores under `weights`: the stored FIT when they are the ones it was scored with.

    The distances may come from a later catalog than the stored FIT; the result a person saw
    must read the same when they come back. None and non-numbers count as not scored.
    """
    weights = weights.normalized()
    domains = [domain for domain in DOMAINS if domain in squared]
    count = len(fit)
    distances = (
        np.array([_numbers(squared[domain]) for domain in domains], dtype=float)
        .reshape(len(domains), count)
        .T
    )
    valid = ~np.isnan(distances)
    components = {
        domain: np.where(valid[:, i], score_from_squared(np.nan_to_num(distances[:, i])), np.nan)
        for i, domain in enumerate(domains)
    }
    if same_weights(weights, scored_with) or not domains:
        scores = _numbers(fit)
    else:
        scores = combine(np.nan_to_num(distances), valid, domains, weights)
    return Standing(fit=scores, components=components, order=order_of(scores), weights=weights)


def profile_from_rows(
    rows: Sequence[Mapping[str, object]], *, holland_code: str = "", notes: Sequence[str] = ()
) -> Profile:
    """The Profile a result stored: rows of {element_id, name, domain, percentage, answered,
    error}."""
    return Profile(
        scores=tuple(
            TraitScore(
                trait=trait,
                percentage=None if row.get("percentage") is None else float(row["percentage"]),
                answered=int(row.get("answered") or 0),
                error=_error(row.get("error")),
            )
            for trait, row in zip(traits_of(rows), rows, strict=True)
        ),
        holland_code=holland_code,
        notes=tuple(notes),
    )


def _error(value: object) -> float | None:
    """A stored standard error; results stored before scoring 2.0 have none."""
    found = _number(value)
    return None if math.isnan(found) or found < 0 else found


def traits_of(rows: Sequence[Mapping[str, object]]) -> tuple[Trait, ...]:
    """The traits in stored order, equal to the questionnaire's so the matrix cache is shared."""
    return tuple(
        Trait(str(row["element_id"]), str(row["name"]), str(row["domain"])) for row in rows
    )


def _numbers(values: Sequence[object] | np.ndarray) -> np.ndarray:
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return values.astype(float, copy=False)
    return np.array([_number(value) for value in values], dtype=float)


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return math.nan
