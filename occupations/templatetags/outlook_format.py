"""Template filters for Employment Projections figures, formatted by occupations.outlook."""

from __future__ import annotations

from decimal import Decimal

from django import template

from occupations import outlook

register = template.Library()


@register.filter
def change(value: Decimal | None) -> str:
    """`{{ percent|change }}` → "−5.5%", "+3.1%"."""
    return outlook.format_change(value)


@register.filter
def thousands(value: Decimal | None) -> str:
    """`{{ openings|thousands }}` → "341.7 thousand"."""
    return outlook.format_thousands(value)


@register.filter
def signed_thousands(value: Decimal | None) -> str:
    """`{{ change|signed_thousands }}` → "+13.3 thousand", "−153.7 thousand"."""
    return outlook.format_thousands(value, signed=True)
