"""The one rounding rule of every figure careerfit shows: half up, as people round.

Python's round() and format(".0f") round half to even (62.5 → 62), so a bar drawn from 62.5 and
the sentence beside it could disagree. Every bar label, text, table cell, CSV and report goes
through here. Pure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float | Decimal | int, places: str = "1") -> Decimal:
    """`value` to the step `places` ("1", "0.1", "0.01"), halves away from zero."""
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def whole(value: float | Decimal | int) -> int:
    return int(half_up(value))


def tenths(value: float | Decimal | int) -> float:
    return float(half_up(value, "0.1"))
