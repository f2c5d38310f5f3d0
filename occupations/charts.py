"""Display formatting for catalog numbers and the geometry of server-rendered SVG bar charts.

Pure functions: no ORM, no request. Templates reach them through occupations.templatetags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from careerfit.numbers import half_up

# OEWS publishes wages at or above these as "#" (May 2025 release). They are the floor of what
# a top-coded field means, so they are shown as "… or more", never as the wage itself.
TOP_CODE_HOURLY = Decimal("115.00")
TOP_CODE_ANNUAL = 239_200

NOT_AVAILABLE = "Not available"


def format_money(
    value: Decimal | float | int | None, *, hourly: bool, top_coded: bool = False
) -> str:
    """ "$44,770", "$21.52", "$239,200 or more" for a top-coded field, "Not available" for None."""
    if top_coded:
        return (
            f"{format_money(TOP_CODE_HOURLY if hourly else TOP_CODE_ANNUAL, hourly=hourly)} or more"
        )
    if value is None:
        return NOT_AVAILABLE
    if hourly:
        return f"${half_up(value, '0.01'):,.2f}"
    return f"${half_up(value):,.0f}"


def format_count(value: int | None) -> str:
    return NOT_AVAILABLE if value is None else f"{value:,}"


def format_percent(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{half_up(value)}%"


def format_quotient(value: float | None) -> str:
    """Location quotient with two decimals: 1.00 means the national share."""
    return NOT_AVAILABLE if value is None else f"{half_up(value, '0.01')}"


def clamp_percentage(value: float) -> float:
    return max(0.0, min(100.0, float(value)))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    y: float
    width: float
    height: float
    text_y: float
    value_x: float
    highlight: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart on a 0–100 axis, in SVG user units."""

    width: float
    height: float
    bar_x: float
    bar_span: float
    axis_y: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"

    @property
    def label_x(self) -> float:
        # Labels are right-aligned just left of the bars.
        return self.bar_x - 8

    @property
    def tick_y(self) -> float:
        return self.height - 6

    @property
    def summary(self) -> str:
        return ", ".join(f"{bar.label} {bar.text}" for bar in self.bars)


def horizontal_bars(
    items: Sequence[tuple[str, float]],
    *,
    highlight: frozenset[str] = frozenset(),
    width: float = 360,
    label_width: float = 112,
    value_width: float = 48,
    bar_height: float = 24,
    gap: float = 12,
    font_size: float = 14,
    ticks: Sequence[int] = (0, 50, 100),
) -> BarChart:
    """Lay out one bar per (label, percentage); values outside 0–100 are clamped."""
    bar_span = width - label_width - value_width
    top = gap / 2
    bars = []
    for index, (label, raw) in enumerate(items):
        value = clamp_percentage(raw)
        y = top + index * (bar_height + gap)
        bar_width = round(bar_span * value / 100, 2)
        bars.append(
            Bar(
                label=label,
                value=value,
                text=format_percent(value),
                y=y,
                width=bar_width,
                height=bar_height,
                # Baseline that centres a line of text on the bar.
                text_y=round(y + bar_height / 2 + font_size * 0.35, 2),
                value_x=round(label_width + bar_width + 6, 2),
                highlight=label in highlight,
            )
        )
    axis_y = top + len(bars) * (bar_height + gap) - gap / 2
    return BarChart(
        width=width,
        height=axis_y + font_size + 8,
        bar_x=label_width,
        bar_span=bar_span,
        axis_y=axis_y,
        bars=tuple(bars),
        ticks=tuple(
            Tick(x=round(label_width + bar_span * tick / 100, 2), label=f"{tick}%")
            for tick in ticks
        ),
    )
