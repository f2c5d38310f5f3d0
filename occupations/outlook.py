"""Job outlook labels: how an occupation's projected growth compares with all occupations'.

Pure functions, no ORM. BLS describes projected employment change relative to the change of
"Total, all occupations" over the same ten years; careerfit does the same, with these cut-offs in
percentage points of the ten-year change (p: the occupation's change, A: the all-occupations
change, 3.1 % for 2024–2034):

    declining                  p < −1
    little or no change        −1 ≤ p < +1
    slower than average        +1 ≤ p < A − 1
    as fast as average         A − 1 ≤ p < A + 1
    faster than average        A + 1 ≤ p < A + 4
    much faster than average   A + 4 ≤ p

The bottom two bands do not depend on the average: a job that shrinks is declining however the
economy does. Each floor is at least the one below it, so when the average is close to zero a
band can be empty, but every change still gets exactly one label. With A = 3.1: slower from
1.0 %, as fast as average from 2.1 %, faster from 4.1 %, much faster from 7.1 %.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum

# Percentage points of change over the projection period.
NO_CHANGE_WITHIN = Decimal("1.0")
AVERAGE_WITHIN = Decimal("1.0")
MUCH_FASTER_FROM = Decimal("4.0")
MINUS = "−"


class Label(IntEnum):
    """Outlook labels, worst to best: a higher value is a faster-growing occupation."""

    DECLINING = 0
    LITTLE_OR_NO_CHANGE = 1
    SLOWER = 2
    AVERAGE = 3
    FASTER = 4
    MUCH_FASTER = 5

    @property
    def text(self) -> str:
        return TEXTS[self]

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def from_slug(cls, slug: str) -> Label | None:
        return next((label for label in cls if label.slug == slug), None)


TEXTS = {
    Label.DECLINING: "Declining",
    Label.LITTLE_OR_NO_CHANGE: "Little or no change",
    Label.SLOWER: "Slower than average",
    Label.AVERAGE: "As fast as average",
    Label.FASTER: "Faster than average",
    Label.MUCH_FASTER: "Much faster than average",
}


def floors(average: Decimal) -> dict[Label, Decimal | None]:
    """The lowest change that earns each label; None for "declining", which has no floor."""
    raw = {
        Label.LITTLE_OR_NO_CHANGE: -NO_CHANGE_WITHIN,
        Label.SLOWER: NO_CHANGE_WITHIN,
        Label.AVERAGE: average - AVERAGE_WITHIN,
        Label.FASTER: average + AVERAGE_WITHIN,
        Label.MUCH_FASTER: average + MUCH_FASTER_FROM,
    }
    result: dict[Label, Decimal | None] = {Label.DECLINING: None}
    below = -NO_CHANGE_WITHIN
    for label, floor in raw.items():
        below = max(below, floor)
        result[label] = below
    return result


def label_for(change_percent: Decimal | None, average: Decimal | None) -> Label | None:
    """The label of a percent change given the all-occupations one; None if either is unknown."""
    if change_percent is None or average is None:
        return None
    found = Label.DECLINING
    for label, floor in floors(average).items():
        if floor is not None and change_percent >= floor:
            found = label
    return found


def format_change(value: Decimal | None) -> str:
    """A signed percent with one decimal, as BLS publishes it: "−5.5%", "+3.1%", "0.0%"."""
    if value is None:
        return "Not available"
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded > 0:
        return f"+{rounded}%"
    if rounded < 0:
        return f"{MINUS}{-rounded}%"
    return f"{abs(rounded)}%"


def format_thousands(value: Decimal | None, *, signed: bool = False) -> str:
    """Employment in thousands as published: "2,814.0 thousand"; signed: "+13.3 thousand"."""
    if value is None:
        return "Not available"
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else "+" if signed and rounded > 0 else ""
    return f"{sign}{abs(rounded):,} thousand"


def bands(average: Decimal) -> list[tuple[Label, str]]:
    """Each label with the changes that earn it, in words, slowest first (for the method page)."""
    found = floors(average)
    labels = list(Label)
    out = []
    for index, label in enumerate(labels):
        low = found[label]
        high = found[labels[index + 1]] if index + 1 < len(labels) else None
        if low is not None and high is not None and high <= low:
            continue  # an empty band when the average sits near zero
        if low is None:
            text = f"below {format_change(high)}"
        elif high is None:
            text = f"{format_change(low)} or more"
        else:
            text = f"from {format_change(low)} to under {format_change(high)}"
        out.append((label, text))
    return out
