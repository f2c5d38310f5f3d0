"""Pay by place: each area's median against the nation's, the orders a table can take, and a
tile-grid map of the states. Pure: rows in, plain values out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from careerfit.numbers import whole

ORDERS = ("jobs", "pay", "name")

# One tile per state and DC on an 11 × 8 grid (column, row), the usual tile-grid layout: each
# state near its neighbours, every tile the same size so small states are as visible as big ones.
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (10, 0),
    "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2), "IL": (5, 2),
    "WI": (6, 2), "MI": (7, 2), "NY": (8, 2), "RI": (9, 2), "MA": (10, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3), "IN": (5, 3),
    "OH": (6, 3), "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4), "KY": (5, 4),
    "WV": (6, 4), "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5), "NC": (6, 5),
    "SC": (7, 5), "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7),
}  # fmt: skip
TILE = 40  # pixels, with a 4-pixel gap
# (lowest difference in whole percent, class, legend text), highest first.
BANDS = (
    (10, "pay-much-higher", "10% or more above the U.S. median"),
    (3, "pay-higher", "3–9% above"),
    (-2, "pay-same", "within 2%"),
    (-9, "pay-lower", "3–9% below"),
    (None, "pay-much-lower", "10% or more below"),
)
FILLS = {
    "pay-much-higher": "#0b5cad",
    "pay-higher": "#6f9fd3",
    "pay-same": "#e4e9ef",
    "pay-lower": "#f2b8a0",
    "pay-much-lower": "#c4502a",
    "pay-unknown": "#ffffff",
}


class Place(Protocol):
    employment: int | None
    annual_median: int | None

    def is_top_coded(self, field: str) -> bool: ...


def difference(place: Place, national: Place | None) -> int | None:
    """The area's median against the nation's, in whole percent (+12, −9); None when either
    is missing or top-coded (only known to be at least the top code)."""
    if national is None or not national.annual_median or place.annual_median is None:
        return None
    if place.is_top_coded("annual_median") or national.is_top_coded("annual_median"):
        return None
    return whole(100 * place.annual_median / national.annual_median - 100)


def signed(found: int | None) -> str:
    """+12%, −9% (a minus sign, not a hyphen), 0%; "–" for none."""
    if found is None:
        return "–"
    if found > 0:
        return f"+{found}%"
    return f"−{-found}%" if found < 0 else "0%"


def sorted_places(rows: Sequence, order: str, national: Place | None) -> list:
    """Rows most jobs first ("jobs"), best paid against the nation first ("pay") or A–Z; rows
    without the figure go last."""
    if order == "jobs":
        return sorted(rows, key=lambda row: (row.employment is None, -(row.employment or 0)))
    if order == "pay":
        return sorted(
            rows,
            key=lambda row: (
                (found := difference(row, national)) is None,
                -(found or 0),
                row.area.title,
            ),
        )
    return sorted(rows, key=lambda row: row.area.title)


@dataclass(frozen=True)
class Tile:
    state: str
    name: str
    x: int
    y: int
    band: str
    label: str  # what a screen reader or a hover reads

    @property
    def fill(self) -> str:
        return FILLS[self.band]

    @property
    def ink(self) -> str:
        """Text colour that reads on the fill."""
        return "#ffffff" if self.band in ("pay-much-higher", "pay-much-lower") else "#1b1f24"


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    legend: tuple[tuple[str, str, str], ...]  # (class, fill, text)


def _band(found: int | None) -> str:
    if found is None:
        return "pay-unknown"
    return next(name for lowest, name, _text in BANDS if lowest is None or found >= lowest)


def tile_map(rows: Sequence, national: Place | None, *, format_pay) -> TileMap | None:
    """The states (and DC) on the tile grid, coloured by median pay against the nation's;
    None when fewer than ten states have a figure (the table says it better then)."""
    tiles = []
    for row in rows:
        at = TILES.get(row.area.primary_state)
        if at is None:
            continue
        found = difference(row, national)
        label = f"{row.area.title}: median {format_pay(row)}"
        if found is not None:
            label += f", {signed(found)} against the U.S."
        tiles.append(
            Tile(
                state=row.area.primary_state,
                name=row.area.title,
                x=at[0] * (TILE + 4),
                y=at[1] * (TILE + 4),
                band=_band(found),
                label=label.replace("+-", "−").replace("-", "−", 1)
                if found and found < 0
                else label,
            )
        )
    if sum(tile.band != "pay-unknown" for tile in tiles) < 10:
        return None
    return TileMap(
        tiles=tiles,
        width=11 * (TILE + 4),
        height=8 * (TILE + 4),
        legend=tuple((name, FILLS[name], text) for _lowest, name, text in BANDS),
    )
