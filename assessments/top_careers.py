"""The best careers of a result: picked from its FIT per code when it is scored, read back from
what it stored (`Result.top`) by the lists that show them. Pure.

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


def stored_best(
    top: object, *, count: int | None = None, known: Collection[str] | None = None
) -> list[tuple[str, float]]:
    """The first `count` (code, FIT) pairs of a result's stored `top`, only codes in `known`
    when it is given, skipping anything malformed."""
    pairs: list[tuple[str, float]] = []
    for pair in top if isinstance(top, list) else ():
        if count is not None and len(pairs) >= count:
            break
        if (
            isinstance(pair, list | tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and _is_number(pair[1])
            and (known is None or pair[0] in known)
        ):
            pairs.append((pair[0], float(pair[1])))
    return pairs
