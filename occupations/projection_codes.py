"""Which National Employment Matrix row stands for an occupation's 6-digit SOC code.

Pure functions, no ORM. The Employment Projections table mostly uses SOC codes, but projects
some occupations only together with their siblings, under the broader SOC group: O*NET's
13-1021, 13-1022 and 13-1023 are all "Buyers and purchasing agents", 13-1020; 25-2055 and
25-2056 fall under "Special education teachers", 25-2050; 53-1042 … 53-1049 under the minor
group 53-1000. A broader code is the SOC code with its last digits zeroed, so the closest broader
row is found by zeroing one digit more at a time: the broad occupation (one zero), then the
minor group (two, then three). Major groups (15-0000) are too broad to describe one
occupation and are never used; the military (55-) has no projections at all.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

# How many trailing digits may be zeroed to reach a broader row, closest first.
BROADER_DIGITS = (1, 2, 3)


@dataclass(frozen=True)
class Match:
    code: str
    # True when the row is a broader group than the SOC code itself.
    broader: bool


def candidate_codes(soc_code: str) -> list[str]:
    """The SOC code, then each broader code it belongs to, closest first, without repeats."""
    candidates = [soc_code]
    for digits in BROADER_DIGITS:
        code = soc_code[: len(soc_code) - digits] + "0" * digits
        if code not in candidates:
            candidates.append(code)
    return candidates


def match(soc_code: str, known_codes: Container[str]) -> Match | None:
    """The closest row for `soc_code` among `known_codes`, or None if there is none."""
    for code in candidate_codes(soc_code):
        if code in known_codes:
            return Match(code=code, broader=code != soc_code)
    return None
