"""Spot straight-lined or nearly flat answers, and say so in plain words. No database here.

Four signs, each enough on its own for a warning:
- one answer used for most statements (the modal answer's share);
- a long run of identical answers in the order shown (items are shuffled across traits, so a
  long run rarely reflects real feelings);
- almost no spread within a section (standard deviation of its answers);
- agreeing with both a statement and its reverse-keyed opposite for many traits (yes-saying).
Flat answers are allowed; the results just carry less information, and the person is told.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MIN_ANSWERS = 10
MODAL_SHARE_LIMIT = 0.75
RUN_LIMIT = 15
SPREAD_LIMIT = 0.5
SPREAD_MIN_ITEMS = 6
AGREE = 4
CONTRADICTION_MIN_TRAITS = 4
CONTRADICTION_SHARE = 0.5


@dataclass(frozen=True)
class Response:
    section: str
    trait: str
    keyed: str
    value: int


@dataclass(frozen=True)
class Quality:
    answered: int
    modal_value: int | None
    modal_share: float
    longest_run: int
    section_spread: dict[str, float] = field(default_factory=dict)
    findings: tuple[str, ...] = ()

    @property
    def is_flat(self) -> bool:
        return bool(self.findings)

    @property
    def verdict(self) -> str:
        if not self.is_flat:
            return "Your answers vary enough to compare you with careers."
        return (
            "Your answers are very alike, so your results will say less about which careers "
            "suit you. You will still get them."
        )


def assess(
    responses: Sequence[Response], *, section_titles: Mapping[str, str] | None = None
) -> Quality:
    """Judge answers given in the order they were shown."""
    titles = section_titles or {}
    values = [response.value for response in responses]
    if not values:
        return Quality(answered=0, modal_value=None, modal_share=0.0, longest_run=0)
    modal_value, modal_count = Counter(values).most_common(1)[0]
    modal_share = modal_count / len(values)
    run = longest_run(values)
    spread = section_spread(responses)
    findings: list[str] = []
    if len(values) >= MIN_ANSWERS and modal_share >= MODAL_SHARE_LIMIT:
        findings.append(f"You gave the same answer to {modal_count} of {len(values)} statements.")
    if run >= RUN_LIMIT:
        findings.append(f"You gave the same answer to {run} statements in a row.")
    for section, deviation in spread.items():
        count = sum(1 for response in responses if response.section == section)
        if count >= SPREAD_MIN_ITEMS and deviation < SPREAD_LIMIT:
            findings.append(
                f"In “{titles.get(section, section)}” your answers hardly changed from one "
                "statement to the next."
            )
    for section, (agreed, paired) in contradictions(responses).items():
        if agreed >= CONTRADICTION_MIN_TRAITS and agreed >= CONTRADICTION_SHARE * paired:
            findings.append(
                f"In “{titles.get(section, section)}” you agreed with statements that say "
                f"opposite things ({agreed} of {paired} traits)."
            )
    return Quality(
        answered=len(values),
        modal_value=modal_value,
        modal_share=modal_share,
        longest_run=run,
        section_spread=spread,
        findings=tuple(findings),
    )


def longest_run(values: Sequence[int]) -> int:
    best = current = 0
    previous = None
    for value in values:
        current = current + 1 if value == previous else 1
        previous = value
        best = max(best, current)
    return best


def section_spread(responses: Sequence[Response]) -> dict[str, float]:
    by_section: dict[str, list[int]] = defaultdict(list)
    for response in responses:
        by_section[response.section].append(response.value)
    return {section: statistics.pstdev(values) for section, values in by_section.items()}


def contradictions(responses: Sequence[Response]) -> dict[str, tuple[int, int]]:
    """Per section: (traits agreed with in both directions, traits with both directions)."""
    answers: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for response in responses:
        answers[(response.section, response.trait)][response.keyed].append(response.value)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (section, _trait), by_key in answers.items():
        if by_key.get("+") and by_key.get("-"):
            counts[section][1] += 1
            if statistics.mean(by_key["+"]) >= AGREE and statistics.mean(by_key["-"]) >= AGREE:
                counts[section][0] += 1
    return {section: (agreed, paired) for section, (agreed, paired) in counts.items()}
