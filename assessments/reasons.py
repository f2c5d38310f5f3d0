"""When a trait is a reason a career fits or a "but", and the sentence that says so. Pure.

The ranking compares shapes (assessments/scoring.py); a reader compares the two percentages
shown. So a trait is only named as a reason when those two numbers bear it out:

- **fits**: both high and close; for a work style, the job needs it and you have about as much
  or more; for a work value, you value it and the job offers about as much or more; for an
  interest, also both low ("neither you nor this job lean to Realistic work");
- **but**: a real gap of at least GAP_FROM points where one side is high; for a work style only
  a shortfall (having more than a job needs costs little).

The words follow the numbers: "much more" only for a gap of MUCH_FROM points or more, "strongly"
and "much" only for a side at STRONG_FROM or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from careerfit.numbers import whole, whole_array

INTERESTS = "interests"
WORK_STYLES = "work_styles"

HIGH_FROM = 50  # a side this high is a lean towards the trait
LOW_UNDER = 30  # both sides below this: a shared lean away (interests only)
CLOSE_WITHIN = 15  # two percentages this close are "alike"
GAP_FROM = 20  # a difference this large is a real gap
MUCH_FROM = 40  # … and this large a big one
STRONG_FROM = 70  # a side this high is strong

Kind = Literal["fits", "but"]


def kinds(
    domains: Sequence[str], yours: np.ndarray, jobs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For jobs × traits (yours: per trait, NaN where not answered; jobs: NaN where not rated),
    where a trait is a reason it fits and where a "but", read from the whole numbers shown."""
    you = whole_array(yours)[None, :]
    it = whole_array(jobs)
    interests = np.array([domain == INTERESTS for domain in domains])
    styles = np.array([domain == WORK_STYLES for domain in domains])
    values = ~(interests | styles)
    # NaN compares false everywhere, so unanswered or unrated traits are neither.
    gap = np.abs(you - it)
    close = gap <= CLOSE_WITHIN
    high = np.fmax(you, it) >= HIGH_FROM
    fits = (
        interests & close & ((np.fmin(you, it) >= HIGH_FROM) | (np.fmax(you, it) < LOW_UNDER))
        | styles & (it >= HIGH_FROM) & (you >= it - CLOSE_WITHIN)
        | values & (you >= HIGH_FROM) & (it >= you - CLOSE_WITHIN)
    )
    buts = ~fits & (
        interests & (gap >= GAP_FROM) & high
        | styles & (it - you >= GAP_FROM)
        | values & ((you - it >= GAP_FROM) | ((it - you >= GAP_FROM) & (it >= HIGH_FROM)))
    )
    return fits, buts


def kind(domain: str, yours: float, job: float) -> Kind | None:
    """Whether the two percentages make this trait a reason the career fits, a "but", or
    neither; read from the whole numbers shown."""
    fits, buts = kinds([domain], np.array([yours], dtype=float), np.array([[job]], dtype=float))
    return "fits" if fits[0, 0] else "but" if buts[0, 0] else None


def sentence(
    domain: str, name: str, yours: float, job: float, found: Kind | str | None = "?"
) -> str:
    """What the two percentages say; `found` is their `kind` when the caller has it."""
    you, it = whole(yours), whole(job)
    mine, theirs = f"{you} %", f"{it} %"
    gap = abs(you - it)
    more = "much more" if gap >= MUCH_FROM else "more"
    if found == "?":
        found = kind(domain, yours, job)
    if domain == INTERESTS:
        if found == "fits" and max(you, it) < LOW_UNDER:
            return f"Neither you ({mine}) nor this job ({theirs}) lean to {name} work."
        if found == "fits":
            strongly = " strongly" if min(you, it) >= STRONG_FROM else ""
            return f"You and this job both lean{strongly} to {name} work ({mine} and {theirs})."
        if you > it:
            return f"You like {name} work ({mine}) {more} than this job offers ({theirs})."
        strongly = "strongly " if it >= STRONG_FROM else ""
        return f"This job is {strongly}{name} ({theirs}); your interest is {mine}."
    if domain == WORK_STYLES:
        if found == "fits":
            level = "more" if you - it > CLOSE_WITHIN / 3 else "about as much"
            return f"This job needs {name} ({theirs}) and you have {level} ({mine})."
        return f"This job needs {more} {name} ({theirs}) than you rate yourself ({mine})."
    if found == "fits":
        much = " much of it" if it >= STRONG_FROM else " it"
        return f"You value {name} ({mine}) and this job offers{much} ({theirs})."
    if you > it:
        return f"You value {name} ({mine}) {more} than this job offers ({theirs})."
    return f"This job offers {more} {name} ({theirs}) than you look for ({mine})."
