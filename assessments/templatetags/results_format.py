"""Template filters for FIT scores, so templates never round numbers themselves."""

from __future__ import annotations

from django import template

from assessments import scoring
from careerfit.numbers import half_up

register = template.Library()

NO_SCORE = "–"


@register.filter
def score(value: float | None) -> str:
    """A 0–100 score as a whole number, 77.5 → "78"; "–" when there is none."""
    if value is None:
        return NO_SCORE
    return f"{half_up(value)}"


@register.filter
def band(value: float | None) -> str:
    """The word for a FIT ("excellent" … "weak"), read from the number shown; "" for none."""
    return scoring.band(value)


@register.filter
def bar_width(value: float | None) -> str:
    """The width of a bar on a 0–100 SVG axis, always with a dot as decimal separator."""
    if value is None:
        return "0"
    return f"{max(0.0, min(100.0, float(value))):.1f}"
