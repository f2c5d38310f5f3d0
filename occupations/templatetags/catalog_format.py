"""Template filters over occupations.charts, so templates never format numbers themselves."""

from __future__ import annotations

from decimal import Decimal

from django import template

from careerfit.numbers import half_up, whole
from occupations import charts, holland, places
from occupations.industries import IndustryRow
from occupations.models import WageEstimate
from occupations.profiles import Profile

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


@register.filter
def states_by(profile: Profile, order: str) -> list[tuple[WageEstimate, str]]:
    """The profile's state rows in `order` ("jobs", "pay", "name"), each with its median
    against the nation's ("+12%")."""
    return _against_nation(profile.state_wages, order, profile.national_wage)


@register.filter
def metros_by(profile: Profile, order: str) -> list[tuple[WageEstimate, str]]:
    return _against_nation(profile.metro_wages, order, profile.national_wage)


def _against_nation(
    rows: list[WageEstimate], order: str, national: WageEstimate | None
) -> list[tuple[WageEstimate, str]]:
    ordered = places.sorted_places(rows, order, national)
    return [(row, places.signed(places.difference(row, national))) for row in ordered]


@register.filter
def state_map(profile: Profile) -> places.TileMap | None:
    return places.tile_map(
        profile.state_wages,
        profile.national_wage,
        format_pay=lambda row: wage(row, "annual_median"),
    )


@register.filter
def share_change(value: float | None) -> str:
    """A change as a share of the old value, 0.12 → "+12%", −0.09 → "−9%"; "–" for none."""
    return places.signed(None if value is None else whole(100 * value))
