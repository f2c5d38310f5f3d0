"""What changed between two results of one person: Holland code, traits, top careers. Pure.

Reads the stored profiles and best careers (Result.profile, Result.top) only, so two results
scored against different catalogs still compare as the person saw them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from careerfit.numbers import whole

TOP = 20
# A trait that moved less than this (whole percentage points) is left out of the list.
MOVED_FROM = 10


@dataclass(frozen=True)
class TraitChange:
    name: str
    domain: str
    before: float
    now: float

    @property
    def change(self) -> int:
        """In whole points, as the two figures shown differ."""
        return whole(self.now) - whole(self.before)


@dataclass(frozen=True)
class CareerMove:
    code: str
    title: str
    fit: float
    rank: int  # in the result it is (or was) in


@dataclass(frozen=True)
class Changes:
    before_code: str
    now_code: str
    traits: list[TraitChange]  # moved at least MOVED_FROM points, largest first
    unchanged: int  # traits compared that moved less
    entered: list[CareerMove]  # in today's top TOP, not in the earlier one
    left: list[CareerMove]  # in the earlier top TOP, not in today's
    kept: int  # careers in both

    @property
    def code_changed(self) -> bool:
        return self.before_code != self.now_code


def compare(
    *,
    before_profile: Sequence[Mapping[str, object]],
    now_profile: Sequence[Mapping[str, object]],
    before_code: str,
    now_code: str,
    before_top: Sequence[Sequence[object]],
    now_top: Sequence[Sequence[object]],
    titles: Mapping[str, str],
) -> Changes:
    """Traits are matched by element id (a trait only one of them measured is left out);
    careers by code. `titles` names the careers (a code without one shows as itself)."""
    earlier = {
        row["element_id"]: row for row in before_profile if row.get("percentage") is not None
    }
    traits, unchanged = [], 0
    for row in now_profile:
        old = earlier.get(row["element_id"])
        if old is None or row.get("percentage") is None:
            continue
        found = TraitChange(
            name=str(row["name"]),
            domain=str(row["domain"]),
            before=float(old["percentage"]),
            now=float(row["percentage"]),
        )
        if abs(found.change) >= MOVED_FROM:
            traits.append(found)
        else:
            unchanged += 1
    traits.sort(key=lambda trait: (-abs(trait.change), trait.name))
    before = _top(before_top, titles)
    now = _top(now_top, titles)
    return Changes(
        before_code=before_code,
        now_code=now_code,
        traits=traits,
        unchanged=unchanged,
        entered=[move for code, move in now.items() if code not in before],
        left=[move for code, move in before.items() if code not in now],
        kept=len(now.keys() & before.keys()),
    )


def _top(top: Sequence[Sequence[object]], titles: Mapping[str, str]) -> dict[str, CareerMove]:
    found: dict[str, CareerMove] = {}
    for rank, entry in enumerate(top[:TOP], start=1):
        code, fit = str(entry[0]), entry[1]
        if isinstance(fit, int | float):
            found[code] = CareerMove(code, titles.get(code, code), float(fit), rank)
    return found
