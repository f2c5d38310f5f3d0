from __future__ import annotations

import itertools

from assessments.quality import Response, assess, contradictions, longest_run

TITLES = {"interests": "What you like to do", "work_styles": "How you work"}


def _responses(values: list[int], section: str = "interests") -> list[Response]:
    traits = itertools.cycle("RIASEC")
    return [Response(section, next(traits), "+", value) for value in values]


def test_varied_answers_are_not_flagged():
    values = [1, 4, 2, 5, 3, 4, 1, 2, 5, 3, 2, 4, 5, 1, 3, 4, 2, 5, 1, 3]
    quality = assess(_responses(values), section_titles=TITLES)
    assert not quality.is_flat
    assert quality.findings == ()
    assert "vary enough" in quality.verdict


def test_the_same_answer_everywhere_is_flagged_in_plain_words():
    quality = assess(_responses([4] * 30), section_titles=TITLES)
    assert quality.is_flat
    assert quality.modal_value == 4
    assert quality.modal_share == 1.0
    assert "You gave the same answer to 30 of 30 statements." in quality.findings
    assert "You gave the same answer to 30 statements in a row." in quality.findings
    assert "“What you like to do” your answers hardly changed" in " ".join(quality.findings)
    assert "say less about which careers suit you" in quality.verdict


def test_a_long_run_is_flagged_even_when_the_rest_varies():
    values = [1, 5, 2, 4] * 5 + [3] * 15 + [1, 5, 2, 4] * 5
    quality = assess(_responses(values))
    assert quality.longest_run == 15
    assert quality.findings == ("You gave the same answer to 15 statements in a row.",)


def test_one_flat_section_is_named():
    varied = _responses([1, 5, 2, 4, 3, 1, 5, 2, 4, 3], "interests")
    flat = _responses([4, 4, 5, 4, 4, 4, 4, 5], "work_styles")
    quality = assess(varied + flat, section_titles=TITLES)
    assert quality.section_spread["work_styles"] < 0.5
    assert quality.findings == (
        "In “How you work” your answers hardly changed from one statement to the next.",
    )


def test_agreeing_with_opposite_statements_is_flagged():
    responses = []
    for trait in "ABCDEF":
        responses += [
            Response("work_styles", trait, "+", 5),
            Response("work_styles", trait, "-", 4),
        ]
    # Enough spread elsewhere that only the contradiction shows.
    responses += _responses([1, 2, 3, 1, 2, 3, 1, 2])
    assert contradictions(responses)["work_styles"] == (6, 6)
    quality = assess(responses, section_titles=TITLES)
    assert "you agreed with statements that say opposite things (6 of 6 traits)" in " ".join(
        quality.findings
    )


def test_consistent_answers_to_opposite_statements_are_fine():
    responses = []
    for trait in "ABCDEF":
        responses += [
            Response("work_styles", trait, "+", 5),
            Response("work_styles", trait, "-", 1),
        ]
    assert contradictions(responses)["work_styles"] == (0, 6)


def test_few_answers_are_not_judged_by_the_modal_share():
    quality = assess(_responses([3, 3, 3, 3]))
    assert not quality.is_flat


def test_no_answers():
    quality = assess([])
    assert quality.answered == 0
    assert not quality.is_flat


def test_longest_run():
    assert longest_run([]) == 0
    assert longest_run([1, 1, 2, 2, 2, 1]) == 3
