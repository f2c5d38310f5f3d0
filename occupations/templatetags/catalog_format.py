"""Template filters over occupations.charts, so templates never format numbers themselves."""

from __future__ import annotations

from decimal import Decimal

from django import template

from careerfit.numbers import half_up
from occupations import charts, holland
from occupations.industries import IndustryRow
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


@register.filter
def percent_tenths(value: float | Decimal | None) -> str:
    """A share to one decimal, 18.53 → "18.5%"; "Not available" when there is none."""
    if value is None:
        return charts.NOT_AVAILABLE
    return f"{half_up(value, '0.1')}%"


@register.filter
def annual_pay(row: IndustryRow) -> str:
    """An industry row's annual median: "$47,550", "$239,200 or more" or "Not available"."""
    return charts.format_money(row.annual_median, hourly=False, top_coded=row.top_coded)
