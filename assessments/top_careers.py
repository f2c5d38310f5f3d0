"""The best careers of a stored result, from its parallel `codes` and `fit` lists. Pure.

Ties keep catalog (code) order and careers without a FIT never count, as on the results page.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class TopCareer:
    code: str
    title: str
    fit: float


def best_codes(
    codes: Sequence[str],
    fit: Sequence[float | None],
    *,
    count: int,
    known: Collection[str] | None = None,
) -> list[tuple[str, float]]:
    """(code, FIT) of the `count` best careers; only codes in `known` when it is given."""
    scored = [
        (-float(value), position)
        for position, value in enumerate(fit[: len(codes)])
        if _is_number(value) and (known is None or codes[position] in known)
    ]
    scored.sort()
    return [(codes[position], -negative) for negative, position in scored[:count]]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
