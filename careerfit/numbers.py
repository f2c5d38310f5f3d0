"""The one rounding rule of every figure careerfit shows: half up, as people round.

Python's round() and format(".0f") round half to even (62.5 → 62), so a bar drawn from 62.5 and
the sentence beside it could disagree. Every bar label, text, table cell, CSV and report goes
through here. Pure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np


def half_up(value: float | Decimal | int, places: str = "1") -> Decimal:
    """`value` to the step `places` ("1", "0.1", "0.01"), halves away from zero."""
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def whole(value: float | Decimal | int) -> int:
    if isinstance(value, float) and 0.0 <= value < 1e15:
        fraction = value % 1.0
        # Away from a half, or at an exact one, adding a half and truncating is exact and some
        # 20× quicker than a Decimal; within rounding noise of a half, the Decimal decides.
        if fraction == 0.5 or abs(fraction - 0.5) > 1e-9:
            return int(value + 0.5)
    return int(half_up(value))


def tenths(value: float | Decimal | int) -> float:
    return float(half_up(value, "0.1"))


def whole_array(values: np.ndarray) -> np.ndarray:
    """`whole` of every value (NaN stays NaN), as floats: quick, and within rounding noise of a
    half exactly what `whole` gives."""
    values = np.asarray(values, dtype=float)
    found = np.floor(values + 0.5)
    fraction = np.mod(values, 1.0)
    near = (np.abs(fraction - 0.5) <= 1e-9) & (fraction != 0.5)
    for at in zip(*np.nonzero(near), strict=True):
        found[at] = whole(float(values[at]))
    return found
