from __future__ import annotations

import pytest

from occupations.holland import by_letter, tied_code


def riasec(*values):
    return list(zip("RIASEC", values, strict=True))


@pytest.mark.parametrize(
    ("values", "text", "note"),
    [
        # Nothing ties: the plain code.
        ((10, 30, 0, 90, 20, 80), "SCI", ""),
        # A tie below the code does not matter.
        ((10, 30, 10, 90, 40, 80), "SCE", ""),
        # The case: Investigative and Enterprising share third place.
        (
            (0, 30, 0, 100, 30, 90),
            "S C, then I or E",
            "Investigative and Enterprising are tied at 30 %, so either of them could be the "
            "last letter.",
        ),
        # Ties are read from the whole numbers a person sees: 30.2 and 29.8 both show as 30.
        ((0, 30.2, 0, 100, 29.8, 90), "S C, then I or E", "Investigative and Enterprising"),
        ((0, 30.5, 0, 100, 30.4, 90), "SCI", ""),
        # A tie inside the code shares a place.
        ((0, 30, 0, 100, 20, 100), "S = C I", "Social and Conventional are tied at 100 %."),
        (
            (0, 30, 0, 100, 30, 100),
            "S = C, then I or E",
            "Social and Conventional are tied at 100 %; Investigative and Enterprising",
        ),
        # Three share the last two places.
        ((60, 60, 60, 90, 10, 0), "S, then two of R, I or A", "the last 2 letters"),
        # Everything tied: no order at all.
        ((50,) * 6, "three of R, I, A, S, E or C", "no order can be given"),
    ],
)
def test_ties_in_a_holland_code_are_shown(values, text, note):
    found = tied_code(riasec(*values))
    assert found.text == text
    assert note in found.note
    assert bool(found.note) == bool(note)


def test_unanswered_interests_and_unknown_names_are_left_out():
    assert tied_code([("R", 50.0), ("I", None)]).text == "R"
    assert by_letter([("Social", 40.0), ("Dependability", 90.0)]) == [("S", 40.0)]
