from __future__ import annotations

import pytest

from assessments.answer_sheets import SheetError, check, read_sheet

FORMS = {"short": frozenset({"A", "B"}), "full": frozenset({"A", "B", "C"})}


def test_it_reads_one_json_object_or_a_list():
    assert read_sheet('{"id": "x", "answers": {"A": 1}}') == [{"id": "x", "answers": {"A": 1}}]
    assert len(read_sheet('[{"id": 1}, {"id": 2}]')) == 2


def test_it_reads_a_csv_answer_sheet_one_row_per_respondent():
    records = read_sheet("id,form,A,B\nann,short,1,5\nbob,short,2,\n", name="sheet.csv")
    assert records == [
        {"id": "ann", "form": "short", "answers": {"A": "1", "B": "5"}},
        {"id": "bob", "form": "short", "answers": {"A": "2"}},
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "object or a list of objects"),
        ("name,A\nx,1\n", "needs an 'id' column"),
        ("", "no respondents"),
    ],
)
def test_an_unreadable_sheet_says_why(text, message):
    with pytest.raises(SheetError, match=message):
        read_sheet(text)


def test_a_good_record_passes_with_whole_numbers():
    respondent = check(
        {"id": "ann", "form": "short", "answers": {"A": 1, "B": "5"}}, position=1, form_items=FORMS
    )
    assert respondent.errors == []
    assert respondent.answers == {"A": 1, "B": 5}


def test_each_problem_of_a_record_is_listed():
    respondent = check(
        {"form": "short", "answers": {"A": 9, "C": 3, "Z": 2, "B": "x"}},
        position=4,
        form_items=FORMS,
    )
    assert respondent.id == "#4"
    assert respondent.errors == [
        "item 'A': 9 is outside 1–5",
        "item 'C' is not in the short form",
        "item 'Z' is unknown",
        "item 'B': 'x' is not a whole number 1–5",
    ]


def test_missing_answers_and_unknown_forms_are_errors():
    assert check({"id": "a", "answers": {"A": 1}}, position=1, form_items=FORMS).errors == [
        "2 items not answered: B, C"
    ]
    assert (
        "unknown form 'medium'"
        in check({"id": "a", "form": "medium", "answers": {}}, position=1, form_items=FORMS).errors[
            0
        ]
    )
