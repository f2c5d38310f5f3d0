"""A counselor group at a glance: how many finished, their Holland codes, their top careers.

Pure: it reads plain values from the roster, so it is tested without a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assessments.top_careers import TopCareer
from careerfit.numbers import tenths
from occupations import holland

# The statuses a member can have, in the order the roster sorts them.
NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
STATUS_LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", DONE: "Done"}
MOST_FREQUENT = 10


@dataclass(frozen=True)
class MemberFacts:
    status: str
    holland_code: str
    top: Sequence[TopCareer]


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percentage: float  # of the members who finished


@dataclass(frozen=True)
class CareerCount:
    code: str
    title: str
    count: int


@dataclass(frozen=True)
class GroupSummary:
    members: int
    by_status: dict[str, int]
    first_letters: list[Share]  # all six RIASEC types, in that order
    full_codes: list[Share]  # most frequent first
    top_careers: list[CareerCount]  # how often each career is in someone's top 3

    @property
    def finished(self) -> int:
        return self.by_status[DONE]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        return [(STATUS_LABELS[status], count) for status, count in self.by_status.items()]


def summarize(members: Sequence[MemberFacts]) -> GroupSummary:
    by_status = {status: 0 for status in STATUS_LABELS}
    for member in members:
        by_status[member.status] += 1
    finished = [member for member in members if member.status == DONE]
    codes = [member.holland_code for member in finished if member.holland_code]
    letters = Counter(code[0] for code in codes)
    careers = Counter(career.code for member in finished for career in member.top)
    titles = {career.code: career.title for member in finished for career in member.top}
    return GroupSummary(
        members=len(members),
        by_status=by_status,
        first_letters=[
            Share(f"{name} ({letter})", letters[letter], _share(letters[letter], len(finished)))
            for letter, name in holland.TYPES.items()
        ],
        full_codes=[
            Share(code, count, _share(count, len(finished)))
            for code, count in sorted(Counter(codes).items(), key=lambda pair: (-pair[1], pair[0]))
        ],
        top_careers=[
            CareerCount(code, titles[code], count)
            for code, count in sorted(careers.items(), key=lambda pair: (-pair[1], titles[pair[0]]))
        ][:MOST_FREQUENT],
    )


def _share(count: int, total: int) -> float:
    return tenths(100 * count / total) if total else 0.0
