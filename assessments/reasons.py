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

from typing import Literal

from careerfit.numbers import whole

INTERESTS = "interests"
WORK_STYLES = "work_styles"

HIGH_FROM = 50  # a side this high is a lean towards the trait
LOW_UNDER = 30  # both sides below this: a shared lean away (interests only)
CLOSE_WITHIN = 15  # two percentages this close are "alike"
GAP_FROM = 20  # a difference this large is a real gap
MUCH_FROM = 40  # … and this large a big one
STRONG_FROM = 70  # a side this high is strong

Kind = Literal["fits", "but"]


def kind(domain: str, yours: float, job: float) -> Kind | None:
    """Whether the two percentages make this trait a reason the career fits, a "but", or
    neither; read from the whole numbers shown."""
    you, it = whole(yours), whole(job)
    close = abs(you - it) <= CLOSE_WITHIN
    if domain == INTERESTS:
        if close and (min(you, it) >= HIGH_FROM or max(you, it) < LOW_UNDER):
            return "fits"
        if abs(you - it) >= GAP_FROM and max(you, it) >= HIGH_FROM:
            return "but"
        return None
    if domain == WORK_STYLES:
        if it >= HIGH_FROM and you >= it - CLOSE_WITHIN:
            return "fits"
        if it - you >= GAP_FROM:
            return "but"
        return None
    # Work values: what you look for, against what the job offers.
    if you >= HIGH_FROM and it >= you - CLOSE_WITHIN:
        return "fits"
    if you - it >= GAP_FROM or (it - you >= GAP_FROM and it >= HIGH_FROM):
        return "but"
    return None


def sentence(domain: str, name: str, yours: float, job: float) -> str:
    you, it = whole(yours), whole(job)
    mine, theirs = f"{you} %", f"{it} %"
    gap = abs(you - it)
    more = "much more" if gap >= MUCH_FROM else "more"
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
