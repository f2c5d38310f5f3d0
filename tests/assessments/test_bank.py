from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from assessments.bank import BankError, next_version, parse_bank

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "questionnaire.json"


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_real_item_bank_parses(raw):
    bank = parse_bank(raw)
    assert bank.version == "1.0"
    assert [section.key for section in bank.sections] == ["interests", "work_styles", "work_values"]
    assert len(bank.items) == 132
    assert sum(item.short for item in bank.items) == 74
    assert bank.minutes == {"short": 9, "full": 16}


def test_every_problem_is_reported_at_once(raw):
    broken = copy.deepcopy(raw)
    items = broken["sections"][0]["items"]
    items[1]["key"] = items[0]["key"]
    items[2]["keyed"] = "x"
    items[3]["descriptor"] = "not an id"
    broken["sections"][1]["scale"]["labels"] = ["Low", "High"]
    with pytest.raises(BankError) as error:
        parse_bank(broken)
    message = str(error.value)
    assert "INT-R-01: key used twice" in message
    assert 'keyed must be "+" or "-"' in message
    assert "is not an O*NET element id" in message
    assert "section work_styles: scale.labels must be 5 labels" in message


def test_a_descriptor_must_have_one_trait_name(raw):
    broken = copy.deepcopy(raw)
    broken["sections"][0]["items"][1]["trait"] = "Practical"
    with pytest.raises(BankError, match=r"descriptor 1\.B\.1\.a is 'Realistic'"):
        parse_bank(broken)


def test_a_bank_needs_a_short_form(raw):
    broken = copy.deepcopy(raw)
    for section in broken["sections"]:
        for item in section["items"]:
            item["short"] = False
    with pytest.raises(BankError, match="no short form"):
        parse_bank(broken)


def test_not_an_object():
    with pytest.raises(BankError):
        parse_bank([])


def test_next_version():
    assert next_version("1.0", set()) == "1.1"
    assert next_version("1.0", {"1.1", "1.2"}) == "1.3"
    assert next_version("2", set()) == "3"
    assert next_version("v2", set()) == "v2.1"
