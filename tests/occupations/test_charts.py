from __future__ import annotations

from decimal import Decimal

import pytest

from occupations import charts, holland


@pytest.mark.parametrize(
    ("value", "hourly", "expected"),
    [
        (44770, False, "$44,770"),
        (Decimal("21.52"), True, "$21.52"),
        (Decimal("9.5"), True, "$9.50"),
        (1234567, False, "$1,234,567"),
        (None, False, "Not available"),
        (None, True, "Not available"),
    ],
)
def test_money_formats_hourly_and_annual_wages(value, hourly, expected):
    assert charts.format_money(value, hourly=hourly) == expected


def test_top_coded_wage_reads_as_at_least_the_top_code():
    assert charts.format_money(None, hourly=False, top_coded=True) == "$239,200 or more"
    assert charts.format_money(None, hourly=True, top_coded=True) == "$115.00 or more"


def test_top_code_wins_over_any_stored_number():
    assert charts.format_money(0, hourly=False, top_coded=True) == "$239,200 or more"


def test_percent_rounds_half_up_like_people_expect():
    assert charts.format_percent(92.5) == "93%"
    assert charts.format_percent(94.0) == "94%"
    assert charts.format_percent(0.4) == "0%"
    assert charts.format_percent(None) == "Not available"


def test_count_and_quotient_formatting():
    assert charts.format_count(153700) == "153,700"
    assert charts.format_count(None) == "Not available"
    assert charts.format_quotient(1.234) == "1.23"
    assert charts.format_quotient(0.005) == "0.01"
    assert charts.format_quotient(None) == "Not available"


def test_bar_widths_are_proportional_to_the_percentage():
    chart = charts.horizontal_bars(
        [("Realistic", 50), ("Social", 100), ("Artistic", 0)],
        width=400,
        label_width=100,
        value_width=50,
    )
    assert chart.bar_span == 250
    assert [bar.width for bar in chart.bars] == [125, 250, 0]
    assert [bar.text for bar in chart.bars] == ["50%", "100%", "0%"]
    # The value label sits just right of the bar's end.
    assert chart.bars[0].value_x == 100 + 125 + 6


def test_bars_stack_top_to_bottom_without_overlapping():
    chart = charts.horizontal_bars([("A", 10), ("B", 20), ("C", 30)], bar_height=20, gap=10)
    tops = [bar.y for bar in chart.bars]
    assert tops == sorted(tops)
    for upper, lower in zip(chart.bars, chart.bars[1:], strict=False):
        assert upper.y + upper.height < lower.y
    assert chart.axis_y >= chart.bars[-1].y + chart.bars[-1].height
    assert chart.height > chart.axis_y
    assert chart.view_box == f"0 0 360 {chart.height:g}"


def test_values_outside_0_to_100_are_clamped():
    chart = charts.horizontal_bars([("Over", 130), ("Under", -5)])
    assert [bar.value for bar in chart.bars] == [100, 0]
    assert chart.bars[0].width == chart.bar_span
    assert chart.bars[1].width == 0


def test_highlighted_labels_are_marked_and_summary_lists_every_value():
    chart = charts.horizontal_bars(
        [("Social", 56), ("Enterprising", 89)], highlight=frozenset({"Enterprising"})
    )
    assert [bar.highlight for bar in chart.bars] == [False, True]
    assert chart.summary == "Social 56%, Enterprising 89%"


def test_ticks_span_the_bar_area():
    chart = charts.horizontal_bars([("A", 1)], width=400, label_width=100, value_width=50)
    assert [(tick.x, tick.label) for tick in chart.ticks] == [
        (100, "0%"),
        (225, "50%"),
        (350, "100%"),
    ]


def test_empty_chart_has_no_bars_but_valid_geometry():
    chart = charts.horizontal_bars([])
    assert chart.bars == ()
    assert chart.height > 0


def test_holland_type_names_follow_the_code_and_skip_unknown_letters():
    assert holland.type_names("esc") == [
        ("E", "Enterprising"),
        ("S", "Social"),
        ("C", "Conventional"),
    ]
    assert holland.type_names("RX") == [("R", "Realistic")]
    assert holland.type_names("") == []
