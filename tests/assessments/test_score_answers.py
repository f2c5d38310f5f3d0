from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Item
from tests.assessments.factories import make_questionnaire
from tests.assessments.test_results import make_catalog

pytestmark = pytest.mark.django_db


def score(path, *args: str) -> tuple[dict, str]:
    out, err = StringIO(), StringIO()
    call_command("score_answers", str(path), *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def full_answers(realistic: int) -> dict[str, int]:
    return {
        key: realistic if key.startswith("T-R") else 6 - realistic if key.startswith("T-I") else 3
        for key in Item.objects.values_list("key", flat=True)
    }


def test_it_scores_every_respondent_and_reports_the_bad_ones(tmp_path):
    make_questionnaire()
    make_catalog()
    sheet = tmp_path / "sheet.json"
    sheet.write_text(
        json.dumps(
            [
                {"id": "likes-tools", "form": "full", "answers": full_answers(5)},
                {"id": "likes-labs", "form": "full", "answers": full_answers(1)},
                {"id": "broken", "form": "full", "answers": {"T-R-01": 7}},
            ]
        )
    )

    report, err = score(sheet, "--top", "1")

    tools, labs, broken = report["respondents"]
    assert tools["careers"][0]["code"] == "47-2031.00"
    assert labs["careers"][0]["code"] == "19-1042.00"
    assert tools["holland_code"] == "RI"
    assert set(tools["careers"][0]["components"]) == {"interests", "work_styles"}
    assert broken["errors"][0] == "item 'T-R-01': 7 is outside 1–5"
    assert "1 of 3 respondents could not be scored" in err


def test_a_csv_sheet_and_weights_work(tmp_path):
    make_questionnaire()
    make_catalog()
    answers = full_answers(5)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "id,form," + ",".join(answers) + "\nann,full," + ",".join(map(str, answers.values()))
    )

    report, _ = score(sheet, "--weights", "1,0,0", "--top", "0")

    assert report["weights"] == {"interests": 1.0, "work_styles": 0.0, "work_values": 0.0}
    assert len(report["respondents"][0]["careers"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--weights", "1,2"), "give three non-negative numbers"),
        (("--weights", "0,0,0"), "give three non-negative numbers"),
        (("--top", "-1"), "--top must be 0"),
    ],
)
def test_bad_options_are_clear_errors(tmp_path, args, message):
    make_questionnaire()
    sheet = tmp_path / "sheet.json"
    sheet.write_text("[]")
    with pytest.raises(CommandError, match=message):
        score(sheet, *args)


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    make_questionnaire()
    with pytest.raises(CommandError, match="cannot be read"):
        score(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    with pytest.raises(CommandError, match="not valid JSON"):
        score(bad)
