from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_complete_occupation, make_occupation, make_wage
from tests.occupations.projections_data import make_projection, make_total
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def customer_service_projection():
    return make_projection(
        "43-4051",
        "-5.5",
        title="Customer service representatives",
        employment_base=Decimal("2814.0"),
        employment_projected=Decimal("2660.3"),
        change_number=Decimal("-153.7"),
        openings=Decimal("341.7"),
    )


def profile_html(client, code: str = "43-4051.00") -> str:
    response = client.get(reverse("career_detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


# Profile ------------------------------------------------------------------------------------


def test_profile_shows_the_outlook_block(client):
    make_complete_occupation()
    make_total("3.1")
    customer_service_projection()

    html = profile_html(client)

    assert '<section id="outlook"' in html
    assert '<h2 id="outlook-title">Job outlook</h2>' in html
    assert '<strong class="outlook-label outlook-declining">Declining</strong>' in html
    assert "change by <strong>−5.5%</strong> from 2024 to 2034" in html
    assert "compared with +3.1% for all occupations" in html
    assert '<li class="current" aria-current="true">Declining</li>' in html
    assert "<dd>2,814.0 thousand</dd>" in html
    assert "<dd>2,660.3 thousand</dd>" in html
    assert "−153.7 thousand jobs" in html
    assert "<dd>341.7 thousand<span" in html
    assert "<dd>High school diploma or equivalent</dd>" in html
    assert "<dd>Short-term on-the-job training</dd>" in html
    assert "does not project this occupation on its own" not in html
    assert "Source: BLS Employment Projections 2024–2034" in html


def test_profile_says_when_the_figures_are_for_a_broader_group(client):
    make_occupation("13-1021.00", "Buyers and Purchasing Agents, Farm Products")
    make_total("3.1")
    make_projection("13-1020", "5.8", title="Buyers and purchasing agents")

    html = profile_html(client, "13-1021.00")

    assert "Faster than average" in html
    assert "BLS does not project this occupation on its own" in html
    assert "Buyers and purchasing agents (13-1020)" in html


def test_profile_without_projections_omits_the_block(client):
    make_complete_occupation()

    html = profile_html(client)

    assert 'id="outlook"' not in html
    assert "Job outlook" not in html


def test_missing_outlook_fields_read_not_available(client):
    make_occupation()
    make_total("3.1")
    make_projection(
        "43-4051", None, openings=None, education="", work_experience="", job_training=""
    )

    html = profile_html(client)

    assert '<section id="outlook"' in html
    assert "outlook-label" not in html
    assert "<dd>Not available<span" in html
    assert "<dd>Not available</dd>" in html


def test_the_outlook_adds_one_query_to_the_profile(client, django_assert_max_num_queries):
    make_complete_occupation()
    make_total("3.1")
    customer_service_projection()

    # 16 to build the profile (3 of them the related careers' pay, outlook and AI exposure),
    # 1 to look up its title and the catalog stamp.
    with django_assert_max_num_queries(17):
        client.get(reverse("career_detail", args=["43-4051.00"]))


# Career browser -----------------------------------------------------------------------------


@pytest.fixture
def catalog():
    make_total("3.1")
    make_occupation("43-4051.00", "Customer Service Representatives")
    customer_service_projection()
    make_occupation("29-1171.00", "Nurse Practitioners")
    make_projection("29-1171", "40.1", openings=Decimal("29.5"))
    make_occupation("15-1252.00", "Software Developers")
    make_projection("15-1252", "15.0", openings=Decimal("129.2"))
    make_occupation("13-1021.00", "Buyers and Purchasing Agents, Farm Products")
    make_projection("13-1020", "3.0", openings=Decimal("40.0"))
    make_occupation("55-1011.00", "Air Crew Officers")


def titles(response) -> list[str]:
    return [entry.occupation.title for entry in response.context["result"].entries]


def test_listing_shows_each_careers_outlook(client, catalog):
    html = client.get(reverse("career_list")).content.decode()

    assert "<span>Outlook: Declining (−5.5%)</span>" in html
    assert "<span>341.7 thousand openings a year</span>" in html
    assert "Outlook: As fast as average (+3.0% for the wider group)" in html


def test_filter_keeps_careers_with_at_least_the_chosen_outlook(client, catalog):
    faster = client.get(reverse("career_list"), {"outlook": "faster"})
    growing = client.get(reverse("career_list"), {"outlook": "little-or-no-change"})

    assert titles(faster) == ["Nurse Practitioners", "Software Developers"]
    assert titles(growing) == [
        "Buyers and Purchasing Agents, Farm Products",
        "Nurse Practitioners",
        "Software Developers",
    ]
    assert '<option value="faster" selected>' in faster.content.decode()


def test_sort_by_growth_or_openings_puts_careers_without_an_outlook_last(client, catalog):
    growth = client.get(reverse("career_list"), {"sort": "growth"})
    openings = client.get(reverse("career_list"), {"sort": "openings"})

    assert titles(growth) == [
        "Nurse Practitioners",
        "Software Developers",
        "Buyers and Purchasing Agents, Farm Products",
        "Customer Service Representatives",
        "Air Crew Officers",
    ]
    assert titles(openings)[:2] == ["Customer Service Representatives", "Software Developers"]
    assert titles(openings)[-1] == "Air Crew Officers"


def test_sort_applies_to_search_results_too(client, catalog):
    response = client.get(reverse("career_list"), {"q": "s", "sort": "growth"})

    assert titles(response)[0] == "Nurse Practitioners"


def test_an_unknown_outlook_or_sort_is_reported_and_ignored(client, catalog):
    response = client.get(reverse("career_list"), {"outlook": "stellar", "sort": "luck"})
    html = response.content.decode()

    assert response.status_code == 400
    assert "Job outlook must be one of the listed choices." in html
    assert "Sort must be one of the listed choices." in html
    assert len(titles(response)) == 5


def test_an_outlook_filter_with_no_match_offers_to_drop_it(client):
    make_occupation()

    html = client.get(reverse("career_list"), {"outlook": "much-faster"}).content.decode()

    assert "No careers match this search" in html
    assert "without the job zone, interest, outlook and AI exposure filters" in html


def test_htmx_filter_gets_the_results_partial(client, catalog):
    response = client.get(reverse("career_list"), {"outlook": "faster"}, **HTMX)
    html = response.content.decode()

    assert "<form" not in html
    assert "Nurse Practitioners" in html
    assert "Customer Service Representatives" not in html


def test_browser_queries_stay_bounded_with_outlook(client, django_assert_max_num_queries):
    make_total("3.1")
    for index in range(40):
        occupation = make_occupation(f"11-{index:04d}.00", f"Career {index:02d}", job_zone=2)
        make_wage(occupation.soc_code)
        make_projection(occupation.soc_code, f"{index}.0")

    client.get(reverse("career_list"), {"q": "warm up the search index"})
    with django_assert_max_num_queries(7):
        response = client.get(
            reverse("career_list"), {"q": "career", "outlook": "faster", "sort": "openings"}
        )
    with django_assert_max_num_queries(7):
        client.get(reverse("career_list"), {"sort": "growth", "page": "2"}, **HTMX)

    assert len(titles(response)) == 25


# Full data ----------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_the_shared_workbook_gives_customer_service_its_outlook(client):
    call_command(
        "import_projections",
        str(shared_path("bls/projections/occupation.xlsx")),
        stdout=io.StringIO(),
    )
    make_occupation()

    html = profile_html(client)

    assert "−5.5%" in html
    assert "341.7 thousand" in html
    assert ">Declining</strong>" in html
    assert "<dd>High school diploma or equivalent</dd>" in html


def test_the_profile_explains_its_two_job_counts_and_lists_every_release(client):
    from occupations.models import DataRelease
    from tests.factories import make_release

    make_complete_occupation()
    make_total("3.1")
    customer_service_projection()
    make_release(source=DataRelease.Source.PROJECTIONS, version="2024–2034")

    html = profile_html(client)

    assert "Why two job counts?" in html
    assert "the self-employed included" in html
    assert "the self-employed are not counted here" in html
    assert "Job outlook: BLS Employment Projections 2024–2034" in html
