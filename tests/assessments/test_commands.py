from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Answer, Assessment, Item, Questionnaire, Section
from occupations.models import Descriptor
from tests.assessments.factories import make_questionnaire
from tests.factories import make_descriptor

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "questionnaire.json"


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def small_bank(tmp_path: Path, **changes: object) -> Path:
    """A two-section bank file; `changes` replace top-level fields."""
    bank = {
        "version": "9.0",
        "title": "Small bank",
        "forms": {"short": {"minutes": 1}, "full": {"minutes": 2}},
        "sections": [
            {
                "key": "interests",
                "title": "What you like to do",
                "intro": "Rate each task.",
                "scale": {"key": "like5", "labels": ["1", "2", "3", "4", "5"]},
                "items": [
                    {
                        "key": "S-R-01",
                        "text": "Fix a bike",
                        "descriptor": "1.B.1.a",
                        "trait": "Realistic",
                        "keyed": "+",
                        "short": True,
                    },
                    {
                        "key": "S-I-01",
                        "text": "Test water samples",
                        "descriptor": "1.B.1.b",
                        "trait": "Investigative",
                        "keyed": "+",
                        "short": False,
                    },
                ],
            },
            {
                "key": "work_styles",
                "title": "How you work",
                "intro": "",
                "scale": {"key": "likeme5", "labels": ["a", "b", "c", "d", "e"]},
                "items": [
                    {
                        "key": "S-DEP-01",
                        "text": "I keep my promises",
                        "descriptor": "1.C.5.a",
                        "trait": "Dependability",
                        "keyed": "+",
                        "short": True,
                    },
                    {
                        "key": "S-DEP-02",
                        "text": "I forget what I agreed to do",
                        "descriptor": "1.C.5.a",
                        "trait": "Dependability",
                        "keyed": "-",
                        "short": True,
                    },
                ],
            },
        ],
    }
    bank.update(changes)
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    return path


def test_the_real_item_bank_loads_with_the_documented_counts():
    output = run("load_questionnaire", str(FIXTURE))
    assert "Questionnaire 1.0 loaded and published: 132 items (74 in the short form)" in output
    questionnaire = Questionnaire.objects.get(version="1.0")
    assert questionnaire.published
    counts = Counter(questionnaire.items.values_list("section__key", flat=True))
    assert counts == {"interests": 60, "work_styles": 48, "work_values": 24}
    short = Counter(
        questionnaire.items.filter(in_short_form=True).values_list("section__key", flat=True)
    )
    assert short == {"interests": 30, "work_styles": 32, "work_values": 12}
    styles = questionnaire.items.filter(section__key="work_styles")
    assert styles.filter(keyed="-").count() == 16
    assert styles.filter(keyed="-", in_short_form=True).count() == 16
    assert questionnaire.items.exclude(section__key="work_styles").filter(keyed="-").count() == 0
    per_trait = Counter(styles.values_list("descriptor__element_id", flat=True))
    assert len(per_trait) == 16
    assert set(per_trait.values()) == {3}
    assert Descriptor.objects.get(element_id="1.C.7.b").name == "Analytical Thinking"
    assert Descriptor.objects.get(element_id="1.B.2.f").domain == "work_values"
    assert (questionnaire.short_minutes, questionnaire.full_minutes) == (9, 16)


def test_loading_again_changes_nothing_and_says_so(tmp_path):
    path = small_bank(tmp_path)
    run("load_questionnaire", str(path))
    before = (
        list(Questionnaire.objects.values()),
        list(Section.objects.values()),
        list(Item.objects.values()),
        list(Descriptor.objects.values()),
    )
    output = run("load_questionnaire", str(path))
    assert "already stored with identical content: nothing changed" in output
    after = (
        list(Questionnaire.objects.values()),
        list(Section.objects.values()),
        list(Item.objects.values()),
        list(Descriptor.objects.values()),
    )
    assert after == before


def test_a_changed_bank_with_the_same_version_is_refused(tmp_path):
    run("load_questionnaire", str(small_bank(tmp_path)))
    changed = small_bank(tmp_path, title="Small bank, reworded")
    with pytest.raises(CommandError, match=r'already stored with different content.*"9\.1"'):
        run("load_questionnaire", str(changed))
    assert Questionnaire.objects.get().title == "Small bank"


def test_a_new_version_loads_next_to_the_old_one_and_becomes_current(tmp_path):
    from assessments.queries import questionnaire_current

    run("load_questionnaire", str(small_bank(tmp_path)))
    run("load_questionnaire", str(small_bank(tmp_path, version="9.1", title="Reworded")))
    assert Questionnaire.objects.count() == 2
    assert questionnaire_current().version == "9.1"


def test_descriptors_from_the_catalog_are_used_and_missing_ones_created(tmp_path):
    realistic = make_descriptor("1.B.1.a", "Realistic", domain="interests")
    make_descriptor("1.C.5.a", "Dependability (renamed)", domain="work_styles")
    output = run("load_questionnaire", str(small_bank(tmp_path)))
    assert Item.objects.get(key="S-R-01").descriptor == realistic
    created = Descriptor.objects.get(element_id="1.B.1.b")
    assert (created.name, created.domain) == ("Investigative", "interests")
    assert "1 descriptors created" in output
    assert "Descriptor 1.C.5.a is called 'Dependability (renamed)'" in output


def test_a_broken_file_is_refused_with_every_problem_and_nothing_is_stored(tmp_path):
    path = small_bank(tmp_path, sections=[{"key": "hobbies", "items": []}])
    with pytest.raises(CommandError) as error:
        run("load_questionnaire", str(path))
    assert "key must be one of interests, work_styles, work_values" in str(error.value)
    assert "items must be a non-empty list" in str(error.value)
    assert not Questionnaire.objects.exists()
    with pytest.raises(CommandError, match="Cannot read"):
        run("load_questionnaire", str(tmp_path / "missing.json"))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("load_questionnaire", str(tmp_path / "bad.json"))


def test_the_export_lists_the_items_of_a_form_as_json():
    make_questionnaire("t1")
    short = json.loads(run("export_questionnaire", "--form", "short"))
    assert short["questionnaire"] == "t1"
    assert short["form"] == "short"
    assert [item["id"] for item in short["items"]] == [
        "T-R-01",
        "T-R-02",
        "T-I-01",
        "T-I-02",
        "T-DEP-01",
        "T-DEP-03",
    ]
    reversed_item = short["items"][-1]
    assert reversed_item == {
        "id": "T-DEP-03",
        "text": "Dependability statement 3",
        "section": "work_styles",
        "descriptor": "1.C.5.a",
        "trait": "Dependability",
        "keyed": "-",
        "short_form": True,
        "scale": {
            "key": "likeme5",
            "points": 5,
            "labels": [
                "Not like me",
                "A little like me",
                "Somewhat like me",
                "Mostly like me",
                "Very much",
            ],
        },
    }
    full = json.loads(run("export_questionnaire"))
    assert len(full["items"]) == 9


def test_the_export_can_name_a_version(tmp_path):
    make_questionnaire("t1")
    make_questionnaire("t2", published=False)
    assert json.loads(run("export_questionnaire", "--version", "t2"))["published"] is False
    with pytest.raises(CommandError, match=r"No questionnaire version 'nine'\. Stored: "):
        run("export_questionnaire", "--version", "nine")


def test_the_export_needs_a_published_questionnaire():
    with pytest.raises(CommandError, match="load_questionnaire"):
        run("export_questionnaire")


def test_loading_does_not_touch_assessments_on_older_versions(tmp_path):
    from tests.assessments.factories import answer_all, make_assessment

    assessment = make_assessment(make_questionnaire("t1"))
    answer_all(assessment, 2)
    run("load_questionnaire", str(small_bank(tmp_path)))
    assert Assessment.objects.get().questionnaire.version == "t1"
    assert Answer.objects.filter(assessment=assessment).count() == 6
