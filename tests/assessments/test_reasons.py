from __future__ import annotations

import pytest

from assessments.reasons import kind, sentence

INT, STY, VAL = "interests", "work_styles", "work_values"


@pytest.mark.parametrize(
    ("domain", "name", "yours", "job", "expected_kind", "text"),
    [
        # Interests: both high and close.
        (
            INT,
            "Social",
            90,
            85,
            "fits",
            "You and this job both lean strongly to Social work (90 % and 85 %).",
        ),
        (
            INT,
            "Social",
            60,
            55,
            "fits",
            "You and this job both lean to Social work (60 % and 55 %).",
        ),
        # Both low: a shared lean away.
        (
            INT,
            "Realistic",
            5,
            12,
            "fits",
            "Neither you (5 %) nor this job (12 %) lean to Realistic work.",
        ),
        # High but not close: a gap, worded by its size.
        (
            INT,
            "Artistic",
            80,
            20,
            "but",
            "You like Artistic work (80 %) much more than this job offers (20 %).",
        ),
        (
            INT,
            "Artistic",
            70,
            45,
            "but",
            "You like Artistic work (70 %) more than this job offers (45 %).",
        ),
        (
            INT,
            "Realistic",
            20,
            85,
            "but",
            "This job is strongly Realistic (85 %); your interest is 20 %.",
        ),
        (INT, "Realistic", 25, 55, "but", "This job is Realistic (55 %); your interest is 25 %."),
        # Neither: close but middling, or a gap between two low figures.
        (INT, "Investigative", 40, 45, None, None),
        (INT, "Investigative", 10, 40, None, None),
        # Work styles: having more than needed is a fit, never a but.
        (
            STY,
            "Dependability",
            95,
            80,
            "fits",
            "This job needs Dependability (80 %) and you have more (95 %).",
        ),
        (
            STY,
            "Dependability",
            75,
            80,
            "fits",
            "This job needs Dependability (80 %) and you have about as much (75 %).",
        ),
        (
            STY,
            "Stress Tolerance",
            0,
            95,
            "but",
            "This job needs much more Stress Tolerance (95 %) than you rate yourself (0 %).",
        ),
        (
            STY,
            "Stress Tolerance",
            55,
            80,
            "but",
            "This job needs more Stress Tolerance (80 %) than you rate yourself (55 %).",
        ),
        (STY, "Innovation", 90, 30, None, None),
        (STY, "Innovation", 30, 40, None, None),
        # Work values: the case, 62 % against 33 %, is a gap, not a fit.
        (
            VAL,
            "Achievement",
            62,
            33,
            "but",
            "You value Achievement (62 %) more than this job offers (33 %).",
        ),
        (
            VAL,
            "Achievement",
            90,
            85,
            "fits",
            "You value Achievement (90 %) and this job offers much of it (85 %).",
        ),
        (
            VAL,
            "Achievement",
            60,
            65,
            "fits",
            "You value Achievement (60 %) and this job offers it (65 %).",
        ),
        (VAL, "Independence", 44, 30, None, None),
        (
            VAL,
            "Recognition",
            20,
            80,
            "but",
            "This job offers much more Recognition (80 %) than you look for (20 %).",
        ),
        (VAL, "Recognition", 10, 25, None, None),
        # Read from the whole numbers shown: 49.5 shows as 50, high enough.
        (
            INT,
            "Social",
            49.5,
            55,
            "fits",
            "You and this job both lean to Social work (50 % and 55 %).",
        ),
        (INT, "Social", 49.4, 55, None, None),
    ],
)
def test_a_trait_is_a_reason_only_when_the_numbers_shown_bear_it_out(
    domain, name, yours, job, expected_kind, text
):
    assert kind(domain, yours, job) == expected_kind
    if text is not None:
        assert sentence(domain, name, yours, job) == text
