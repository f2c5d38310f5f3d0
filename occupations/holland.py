"""The six Holland (RIASEC) interest types and how O*NET names them. No ORM here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from careerfit.numbers import whole

RIASEC = "RIASEC"

TYPES: dict[str, str] = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}

# O*NET interest elements 1.B.1.a–f on the OI scale, in RIASEC order.
ELEMENT_LETTERS: dict[str, str] = {
    "1.B.1.a": "R",
    "1.B.1.b": "I",
    "1.B.1.c": "A",
    "1.B.1.d": "S",
    "1.B.1.e": "E",
    "1.B.1.f": "C",
}

# One plain sentence per type, for people who have never heard of Holland codes.
BLURBS: dict[str, str] = {
    "R": "Hands-on work with tools, machines, plants or animals, often outdoors.",
    "I": "Research, analysis and figuring out how things work.",
    "A": "Creating, designing and expressing ideas with few fixed rules.",
    "S": "Helping, teaching, caring for or advising people.",
    "E": "Leading, persuading, selling and taking business risks.",
    "C": "Organising information, following clear procedures and keeping records.",
}


def type_names(code: str) -> list[tuple[str, str]]:
    """("E", "Enterprising") pairs for each known letter of a code like "ESC", in order."""
    return [(letter, TYPES[letter]) for letter in code.upper() if letter in TYPES]


@dataclass(frozen=True)
class TiedCode:
    """A Holland code that says where interests tie, as the whole percentages shown.

    `text` is "SCI" when nothing ties, "S = C, then I or E" when Social and Conventional tie at
    the top and Investigative and Enterprising tie for third place; `note` says it in words.
    """

    text: str
    note: str = ""


_HOW_MANY = {1: "", 2: "two of ", 3: "three of "}


def by_letter(named: Sequence[tuple[str, float | None]]) -> list[tuple[str, float | None]]:
    """("Realistic", 40.0) pairs as ("R", 40.0); names that are no Holland type are left out."""
    letters = {name: letter for letter, name in TYPES.items()}
    return [(letters[name], value) for name, value in named if name in letters]


def tied_code(percentages: Sequence[tuple[str, float | None]], length: int = 3) -> TiedCode:
    """The code from (letter, percentage) pairs: letters by percentage, highest first, compared
    as the whole numbers a person sees; letters that tie share a place. A place that more
    letters share than the code has room for is named with "or" after "then"."""
    letters = [
        (whole(value), letter)
        for letter, value in percentages
        if value is not None and letter in TYPES
    ]
    letters.sort(key=lambda pair: (-pair[0], RIASEC.index(pair[1])))
    groups: list[tuple[int, list[str]]] = []
    for value, letter in letters:
        if groups and groups[-1][0] == value:
            groups[-1][1].append(letter)
        else:
            groups.append((value, [letter]))
    parts, notes, taken = [], [], 0
    for value, group in groups:
        if taken >= length:
            break
        if len(group) > 1:
            notes.append(f"{_names(group)} are tied at {value} %")
        if taken + len(group) <= length:
            parts.append(" = ".join(group))
            taken += len(group)
            continue
        room = length - taken
        if taken:
            parts.append(f"then {_HOW_MANY.get(room, '')}{_either(group)}")
            anyone = "either" if len(group) == 2 and room == 1 else "any"
            last = "the last letter" if room == 1 else f"the last {room} letters"
            notes[-1] += f", so {anyone} of them could be {last}"
        else:
            parts.append(f"{_HOW_MANY.get(room, '') or 'one of '}{_either(group)}")
            notes[-1] += ", so no order can be given"
        taken = length
    if not notes:
        return TiedCode("".join(letter for _value, letter in letters[:length]))
    text = parts[0]
    for part in parts[1:]:
        text += (", " if part.startswith("then ") else " ") + part
    return TiedCode(text, "; ".join(notes) + ".")


def _either(group: Sequence[str]) -> str:
    return ", ".join(group[:-1]) + " or " + group[-1]


def _names(group: Sequence[str]) -> str:
    names = [TYPES[letter] for letter in group]
    return ", ".join(names[:-1]) + " and " + names[-1]
