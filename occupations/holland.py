"""The six Holland (RIASEC) interest types and how O*NET names them. No ORM here."""

from __future__ import annotations

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
