from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from occupations import places
from occupations.models import Area
from tests.factories import make_area, make_occupation, make_wage


def row(title, median, employment=1000, *, top=False, state=""):
    return SimpleNamespace(
        area=SimpleNamespace(title=title, primary_state=state),
        annual_median=median,
        employment=employment,
        is_top_coded=lambda field: top,
    )


US = row("U.S.", 40_000)


@pytest.mark.parametrize(
    ("median", "top", "expected"),
    [(44_800, False, "+12%"), (36_400, False, "−9%"), (40_100, False, "0%"), (40_200, False, "+1%"),
     (None, False, "–"), (239_200, True, "–")],
)  # fmt: skip
def test_a_median_reads_as_a_difference_from_the_nations(median, top, expected):
    assert places.signed(places.difference(row("X", median, top=top), US)) == expected


def test_places_sort_by_jobs_pay_or_name_with_missing_figures_last():
    rows = [row("B", 44_000, 10), row("A", 36_000, None), row("C", None, 50), row("D", 48_000, 5)]
    by = {
        order: [r.area.title for r in places.sorted_places(rows, order, US)]
        for order in places.ORDERS
    }
    assert by == {
        "jobs": ["C", "B", "D", "A"],
        "pay": ["D", "B", "A", "C"],
        "name": ["A", "B", "C", "D"],
    }


def test_the_tile_map_colours_states_by_pay_and_needs_ten_of_them():
    states = list(places.TILES)[:12]
    rows = [row(f"S{i}", 40_000 + 1_000 * i, state=code) for i, code in enumerate(states)]
    tiles = places.tile_map(rows, US, format_pay=lambda r: f"${r.annual_median:,}")
    assert len(tiles.tiles) == 12
    assert tiles.tiles[0].band == "pay-same"  # 0%
    assert tiles.tiles[11].band == "pay-much-higher"  # +28%
    assert tiles.tiles[11].label == "S11: median $51,000, +28% against the U.S."
    assert places.tile_map(rows[:9], US, format_pay=str) is None
    assert len(places.TILES) == 51
    assert len(set(places.TILES.values())) == 51


@pytest.mark.django_db
def test_the_profile_sorts_its_state_table_by_links_and_refuses_a_bad_order(client):
    make_occupation()
    make_wage()  # the nation: $44,770
    for code, title, state, median, jobs in (
        ("06", "California", "CA", 50_000, 300_000),
        ("48", "Texas", "TX", 40_000, 250_000),
        ("01", "Alabama", "AL", 38_000, 40_000),
    ):
        make_wage(
            area=make_area(Area.Type.STATE, code, title, state),
            annual_median=median,
            employment=jobs,
        )
    url = reverse("career_detail", args=["43-4051.00"])

    def states(query):
        html = client.get(url, query).content.decode()
        table = html[html.index('id="states-title"') :]
        return re.findall(r'<tr><th scope="row">([^<]+)</th>', table)[:3], html

    assert states({})[0] == ["Alabama", "California", "Texas"]
    by_pay, html = states({"states": "pay"})
    assert by_pay == ["California", "Texas", "Alabama"]
    assert '<td class="num">+12%</td>' in html  # 50,000 against 44,770
    assert '<td class="num">−11%</td>' in html  # Texas
    assert (
        'aria-sort="descending"><a href="?states=pay#states-title">Median yearly wage</a>' in html
    )
    assert states({"states": "jobs"})[0] == ["California", "Texas", "Alabama"]
    response = client.get(url, {"states": "best"})
    assert response.status_code == 400
    assert "The state table can be ordered by jobs, pay or name." in response.content.decode()
