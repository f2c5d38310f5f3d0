"""The order items are shown in, and how they are split into pages. No database here.

Within a section, items are dealt round-robin by trait (one of each trait, then the second of
each…) so several items about the same trait never sit together. Each section is split into
pages of about PAGE_SIZE items, as even as possible, so a page never mixes two sections and
the section intro can open its first page. The order depends only on the items, so it is the
same for everyone taking one questionnaire version.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

PAGE_SIZE = 10

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    number: int
    section: Hashable
    starts_section: bool
    items: tuple[T, ...]


def interleave(items: Sequence[T], trait: Callable[[T], Hashable]) -> list[T]:
    """Items dealt one per trait per round, traits in order of first appearance."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(trait(item), []).append(item)
    rounds = max((len(group) for group in groups.values()), default=0)
    return [group[i] for i in range(rounds) for group in groups.values() if i < len(group)]


def split_evenly(items: Sequence[T], size: int = PAGE_SIZE) -> list[tuple[T, ...]]:
    """Chunks of about `size`: 32 items make 11 + 11 + 10, not 10 + 10 + 10 + 2."""
    if not items:
        return []
    count = max(1, round(len(items) / size))
    base, extra = divmod(len(items), count)
    chunks, start = [], 0
    for index in range(count):
        end = start + base + (1 if index < extra else 0)
        chunks.append(tuple(items[start:end]))
        start = end
    return chunks


def paginate(
    items: Sequence[T],
    *,
    section: Callable[[T], Hashable],
    trait: Callable[[T], Hashable],
    size: int = PAGE_SIZE,
) -> list[Page[T]]:
    """Pages for items already in section order (sections contiguous)."""
    by_section: dict[Hashable, list[T]] = {}
    for item in items:
        by_section.setdefault(section(item), []).append(item)
    pages: list[Page[T]] = []
    for key, members in by_section.items():
        for index, chunk in enumerate(split_evenly(interleave(members, trait), size)):
            pages.append(
                Page(number=len(pages) + 1, section=key, starts_section=index == 0, items=chunk)
            )
    return pages
