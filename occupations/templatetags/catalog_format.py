"""Template filters over occupations.charts, so templates never format numbers themselves."""

from __future__ import annotations

from django import template

from occupations import charts, holland
from occupations.models import WageEstimate

register = template.Library()


@register.filter
def wage(estimate: WageEstimate | None, field: str) -> str:
    """`{{ estimate|wage:"annual_median" }}` → "$44,770", "$239,200 or more" or "Not available"."""
    if estimate is None:
        return charts.NOT_AVAILABLE
    return charts.format_money(
        getattr(estimate, field),
        hourly=field.startswith("hourly"),
        top_coded=estimate.is_top_coded(field),
    )


@register.filter
def has_wage(estimate: WageEstimate | None, field: str) -> bool:
    """Whether a wage field says anything: a number, or "at or above the top code"."""
    return estimate is not None and (
        getattr(estimate, field) is not None or estimate.is_top_coded(field)
    )


@register.filter
def count(value: int | None) -> str:
    return charts.format_count(value)


@register.filter
def percent(value: float | None) -> str:
    return charts.format_percent(value)


@register.filter
def quotient(value: float | None) -> str:
    return charts.format_quotient(value)


@register.filter
def holland_names(code: str) -> str:
    """Full type names of a Holland code: ESC → "Enterprising, Social, Conventional"."""
    return ", ".join(name for _letter, name in holland.type_names(code or ""))
