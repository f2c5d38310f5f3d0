from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from occupations.search import Doc, Index, Tier, fold, words
from occupations.sources import open_release
from tests.shared_data import shared_path


def index(*docs: Doc) -> Index:
    return Index(docs)


def titles_found(found_index: Index, query: str) -> list[str]:
    by_code = {doc.code: doc.title for doc in found_index.docs}
    return [by_code[code] for code in found_index.find(query).codes]


@pytest.fixture
def nursing() -> Index:
    return index(
        Doc("29-1141.00", "Registered Nurses", alternates=("Nurse", "Staff Nurse"), jobs=3_300_000),
        Doc("29-1151.00", "Nurse Anesthetists", jobs=50_000),
        Doc("29-1171.00", "Nurse Practitioners", jobs=300_000),
        Doc("45-2092.00", "Farmworkers and Laborers, Crop, Nursery, and Greenhouse", jobs=200_000),
        Doc(
            "43-4051.00",
            "Customer Service Representatives",
            alternates=("Call Center Agent",),
            text="Answer questions from customers about products.",
            jobs=2_600_000,
        ),
        Doc("31-1131.00", "Nursing Assistants", jobs=1_300_000),
    )


def test_words_are_lower_case_without_accents_or_punctuation():
    assert words("Café Workers, Head-Cooks") == ["cafe", "workers", "head", "cooks"]


def test_plurals_fold_onto_the_singular():
    assert fold("nurses") == "nurse"
    assert fold("secretaries") == "secretary"
    assert fold("business") == "business"
    assert fold("bus") == "bus"
    assert fold("analysis") == "analysis"


def test_a_whole_word_in_a_title_with_more_jobs_beats_a_title_that_starts_with_it(nursing):
    found = titles_found(nursing, "nurse")
    assert found[0] == "Registered Nurses"
    # Nursery is a longer word, matched only as a prefix, and still listed.
    assert "Farmworkers and Laborers, Crop, Nursery, and Greenhouse" in found


def test_the_whole_title_comes_first_whatever_the_jobs(nursing):
    assert titles_found(nursing, "nurse practitioners")[0] == "Nurse Practitioners"
    assert nursing.find("Nurse Practitioner").hits[0].tier == Tier.CODE_OR_TITLE


def test_an_unfinished_word_already_finds(nursing):
    assert titles_found(nursing, "nur")[:2] == ["Registered Nurses", "Nursing Assistants"]


def test_alternate_titles_come_after_titles_and_say_which_matched(nursing):
    found = nursing.find("call center")
    assert [hit.code for hit in found.hits] == ["43-4051.00"]
    assert found.hits[0].alternate == "Call Center Agent"
    assert found.hits[0].tier == Tier.ALTERNATE_WORDS


def test_the_shortest_matching_alternate_title_is_the_one_shown():
    found = index(
        Doc("1", "Office Clerks", alternates=("Front Desk Agent Supervisor", "Front Desk Agent"))
    ).find("front desk")
    assert found.hits[0].alternate == "Front Desk Agent"


def test_task_and_description_words_come_last(nursing):
    found = nursing.find("products")
    assert [(hit.code, hit.tier) for hit in found.hits] == [("43-4051.00", Tier.TEXT)]


def test_every_word_must_match_in_one_place(nursing):
    assert titles_found(nursing, "nurse customer") == []


def test_small_words_are_ignored(nursing):
    assert titles_found(nursing, "the customer service") == ["Customer Service Representatives"]


def test_codes_and_code_prefixes_find_in_code_order(nursing):
    assert nursing.find("29-11").codes == ["29-1141.00", "29-1151.00", "29-1171.00"]
    assert nursing.find("43-4051.00").codes == ["43-4051.00"]


def test_a_misspelt_word_is_corrected_and_said(nursing):
    found = nursing.find("customer servce")
    assert found.corrected_from == "customer servce"
    assert found.query == "customer service"
    assert found.codes[0] == "43-4051.00"


def test_the_correction_that_finds_the_best_match_wins():
    # "servce" is one edit from both "serve" and "service"; only "service" makes a title match.
    found = index(
        Doc("1", "Customer Service Representatives"),
        Doc("2", "Food Servers", alternates=("Serve Staff",)),
    ).find("customer servce")
    assert found.query == "customer service"
    assert found.codes == ["1"]


def test_a_correct_query_is_never_corrected(nursing):
    assert nursing.find("nurse").corrected_from == ""


def test_nothing_near_finds_nothing_and_corrects_nothing(nursing):
    found = nursing.find("zzqxv")
    assert found.hits == ()
    assert found.corrected_from == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_text_searches_without_error(query):
    catalog = index(
        Doc("11-1011.00", "Chief Executives", alternates=("CEO",), text="Direct and plan."),
        Doc("29-1141.00", "Registered Nurses", alternates=("Nurse",), jobs=10),
    )
    found = catalog.find(query)
    assert len(set(found.codes)) == len(found.codes)
    assert set(found.codes) <= {"11-1011.00", "29-1141.00"}


# Full data ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_index() -> Index:
    """The 29.3 release's titles, alternate titles and tasks, with OEWS national jobs."""
    with open_release(shared_path("onet/db_29_3_excel")) as release:
        occupations = {
            row["O*NET-SOC Code"]: (row["Title"], row.get("Description") or "")
            for _, row in release.get("Occupation Data").rows(("O*NET-SOC Code", "Title"))
        }
        alternates: dict[str, list[str]] = {}
        for _, row in release.get("Alternate Titles").rows(("O*NET-SOC Code", "Alternate Title")):
            alternates.setdefault(row["O*NET-SOC Code"], []).append(row["Alternate Title"])
        tasks: dict[str, list[str]] = {}
        for _, row in release.get("Task Statements").rows(("O*NET-SOC Code", "Task")):
            tasks.setdefault(row["O*NET-SOC Code"], []).append(row["Task"])
    jobs: dict[str, int] = {}
    with open_release(shared_path("bls/oews_may2025_all_areas.csv.gz")) as release:
        for _, row in release.only_table().rows(("AREA_TYPE", "OCC_CODE"), upper_case=True):
            if str(row["AREA_TYPE"]) == "1" and str(row["TOT_EMP"]).replace(",", "").isdigit():
                jobs[row["OCC_CODE"]] = int(str(row["TOT_EMP"]).replace(",", ""))
    # As the catalog does: occupations sharing a SOC code share its jobs.
    sharing = Counter(code[:7] for code in occupations)
    return Index(
        Doc(
            code,
            title,
            alternates=tuple(alternates.get(code, ())),
            text=" ".join([description, *tasks.get(code, ())]),
            jobs=jobs.get(code[:7], 0) // sharing[code[:7]],
        )
        for code, (title, description) in occupations.items()
    )


@pytest.mark.shared_data
def test_nurse_finds_registered_nurses_in_the_top_three(full_index):
    assert "29-1141.00" in full_index.find("nurse").codes[:3]


@pytest.mark.shared_data
def test_customer_servce_finds_customer_service_representatives_first(full_index):
    found = full_index.find("customer servce")
    assert found.codes[0] == "43-4051.00"
    assert found.query == "customer service"
