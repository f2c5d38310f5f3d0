from __future__ import annotations

import re

import pytest
from django.urls import reverse

from occupations.catalog import PER_PAGE
from occupations.models import AlternateTitle, DataRelease, WageEstimate
from tests.factories import (
    make_alternate_title,
    make_complete_occupation,
    make_occupation,
    make_release,
    make_wage,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _titles(response) -> list[str]:
    return [entry.occupation.title for entry in response.context["result"].entries]


@pytest.fixture
def catalog():
    make_occupation(
        "43-4051.00", "Customer Service Representatives", job_zone=2, holland_code="ESC"
    )
    make_occupation("29-1141.00", "Registered Nurses", job_zone=3, holland_code="SIC")
    make_occupation("29-1151.00", "Nurse Anesthetists", job_zone=5, holland_code="ISR")
    make_occupation("47-2111.00", "Electricians", job_zone=3, holland_code="RIC")
    make_alternate_title(
        make_occupation("43-4171.00", "Receptionists and Information Clerks", job_zone=2),
        "Front Desk Agent",
    )


# Home ---------------------------------------------------------------------------------------


def test_home_explains_the_product_and_links_to_search_and_interests(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("career_list")}"' in html
    assert 'name="q"' in html
    for letter in "RIASEC":
        assert f'href="{reverse("career_list")}?holland={letter}"' in html
    assert "QUIZ CALL-TO-ACTION" not in html  # the marker is a template comment


def test_navigation_links_to_home_and_careers(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("career_list")}"' in html
    assert 'aria-current="page">Home' in html


# Career browser -----------------------------------------------------------------------------


def test_browser_lists_every_career_alphabetically(client, catalog):
    response = client.get(reverse("career_list"))
    assert response.status_code == 200
    assert _titles(response) == [
        "Customer Service Representatives",
        "Electricians",
        "Nurse Anesthetists",
        "Receptionists and Information Clerks",
        "Registered Nurses",
    ]
    assert "<h1>Browse careers</h1>" in response.content.decode()


def test_search_puts_the_career_most_people_mean_first(client, catalog):
    # Both titles hold the word; the one with more jobs comes first, not the one starting with it.
    make_wage("29-1141", employment=3_300_000)
    make_wage("29-1151", employment=50_000)
    response = client.get(reverse("career_list"), {"q": "nurse"})
    assert _titles(response) == ["Registered Nurses", "Nurse Anesthetists"]
    assert "2 careers match “nurse”" in response.content.decode()


def test_a_misspelt_search_shows_the_corrected_one_and_says_so(client, catalog):
    response = client.get(reverse("career_list"), {"q": "customer servce", "zone": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    # The others hold both words in their (factory) description.
    assert _titles(response)[0] == "Customer Service Representatives"
    assert "Nothing matches “customer servce”. 2 careers match “customer service”" in html
    assert "Did you mean" in html
    # The link keeps the other filters.
    assert 'href="?q=customer+service&amp;zone=2"' in html


def test_a_search_keeps_its_order_through_filters_and_pages(client):
    for index in range(30):
        make_wage(
            make_occupation(f"11-{index:04d}.00", f"Clerk {index:02d}", job_zone=2).soc_code,
            employment=1000 + index,
        )
    make_occupation("11-9999.00", "Clerk 99", job_zone=3)
    first = _titles(client.get(reverse("career_list"), {"q": "clerk", "zone": "2"}))
    second = _titles(client.get(reverse("career_list"), {"q": "clerk", "zone": "2", "page": "2"}))
    assert first[:2] == ["Clerk 29", "Clerk 28"]
    assert len(first) == PER_PAGE
    assert second == [f"Clerk {index:02d}" for index in range(4, -1, -1)]


def test_search_matches_alternate_titles_and_says_which(client, catalog):
    response = client.get(reverse("career_list"), {"q": "front desk"})
    assert _titles(response) == ["Receptionists and Information Clerks"]
    assert "Also called: Front Desk Agent" in response.content.decode()


def test_search_matches_codes(client, catalog):
    assert _titles(client.get(reverse("career_list"), {"q": "29-1141"})) == ["Registered Nurses"]


def test_filters_by_job_zone_and_main_interest(client, catalog):
    assert _titles(client.get(reverse("career_list"), {"zone": "3"})) == [
        "Electricians",
        "Registered Nurses",
    ]
    # Main interest = first letter: Nurse Anesthetists (ISR) are not a Social career.
    assert _titles(client.get(reverse("career_list"), {"holland": "S"})) == ["Registered Nurses"]
    assert _titles(client.get(reverse("career_list"), {"holland": "i", "zone": "5"})) == [
        "Nurse Anesthetists"
    ]


def test_filters_keep_their_values_in_the_form(client, catalog):
    html = client.get(reverse("career_list"), {"q": "nurse", "zone": "3", "holland": "S"}).content
    html = html.decode()
    assert 'value="nurse"' in html
    assert '<option value="3" selected>' in html
    assert '<option value="S" selected>' in html


def test_htmx_request_gets_only_the_results_partial(client, catalog):
    response = client.get(reverse("career_list"), {"q": "nurse"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Registered Nurses" in html
    assert "<html" not in html
    assert "<form" not in html
    # The result count travels out of band to the status line outside the results.
    assert 'id="result-status"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client, catalog):
    response = client.get(
        reverse("career_list"), {"q": "nurse"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    html = response.content.decode()
    assert "<html" in html
    assert "hx-swap-oob" not in html


def test_live_search_attributes_are_on_the_search_box(client):
    html = client.get(reverse("career_list")).content.decode()
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'hx-push-url="true"' in html
    assert 'hx-target="#results"' in html


def test_empty_results_say_so_and_offer_a_way_out(client, catalog):
    response = client.get(reverse("career_list"), {"q": "astronaut", "zone": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No careers match this search" in html
    assert "without the job zone, interest, outlook and AI exposure filters" in html
    assert "?q=astronaut" in html


def test_empty_catalog_says_nothing_is_loaded_yet(client):
    response = client.get(reverse("career_list"))
    assert response.status_code == 200
    assert "No careers have been loaded yet" in response.content.decode()


def test_pages_hold_25_careers_and_link_to_the_next(client):
    for index in range(PER_PAGE + 5):
        make_occupation(f"11-{index:04d}.00", f"Career {index:02d}")
    first = client.get(reverse("career_list"))
    assert len(first.context["result"].entries) == PER_PAGE
    assert "?page=2" in first.content.decode()
    second = client.get(reverse("career_list"), {"page": "2"})
    assert _titles(second) == [f"Career {index:02d}" for index in range(PER_PAGE, PER_PAGE + 5)]
    assert 'rel="prev"' in second.content.decode()


def test_page_past_the_end_shows_the_last_page_with_a_note(client, catalog):
    response = client.get(reverse("career_list"), {"page": "9999"})
    assert response.status_code == 200
    assert len(_titles(response)) == 5
    assert "There is no page “9999”" in response.content.decode()


def test_page_that_is_not_a_number_falls_back_to_the_first(client, catalog):
    response = client.get(reverse("career_list"), {"page": "abc"})
    assert response.status_code == 200
    assert len(_titles(response)) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"zone": "x"}, "Job zone must be a number from 1 to 5."),
        ({"zone": "9"}, "Job zone must be a number from 1 to 5."),
        ({"holland": "Z"}, "Interest must be one of the letters R, I, A, S, E or C."),
        ({"q": "n" * 101}, "Ensure this value has at most 100 characters"),
    ],
)
def test_invalid_filters_are_reported_and_ignored(client, catalog, params, message):
    response = client.get(reverse("career_list"), {"q": "nurse", **params})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'role="alert"' in html
    # The valid part of the search still runs.
    assert len(_titles(response)) >= 2


def test_listing_shows_median_pay_from_the_national_wage(client, catalog):
    make_wage("29-1141", annual_median=93_600)
    make_wage("29-1151", annual_median=None, top_coded=["annual_median"])
    html = client.get(reverse("career_list"), {"q": "nurse"}).content.decode()
    assert "Median pay $93,600 a year" in html
    assert "Median pay $239,200 or more a year" in html


def test_listing_shows_the_onet_attribution(client, catalog):
    make_release(version="29.3")
    html = client.get(reverse("career_list")).content.decode()
    assert "O*NET 29.3 Database" in html


def test_browser_queries_stay_bounded(client, django_assert_max_num_queries):
    for index in range(40):
        occupation = make_occupation(f"11-{index:04d}.00", f"Career {index:02d}", job_zone=2)
        make_alternate_title(occupation, f"Other name {index}")
        make_wage(occupation.soc_code)
    # The search index is built once per process and catalog stamp (4 queries).
    client.get(reverse("career_list"), {"q": "warm up"})
    # 6 to search, 1 for the catalog stamp the cached list is keyed by.
    with django_assert_max_num_queries(7):
        client.get(reverse("career_list"), {"q": "other name"})
    with django_assert_max_num_queries(7):
        client.get(reverse("career_list"), {"q": "career", "page": "2"}, **HTMX)


def test_the_same_search_again_is_served_from_the_cache_in_one_query(
    client, django_assert_max_num_queries
):
    make_occupation("11-0001.00", "Career one")
    first = client.get(reverse("career_list"), {"q": "career"}).content.decode()
    with django_assert_max_num_queries(1):
        again = client.get(reverse("career_list"), {"q": "career"}).content.decode()
    assert "Career one" in again
    assert again.count("Career one") == first.count("Career one")
    # A new release changes the stamp: the new catalog shows at once.
    make_occupation("11-0002.00", "Career two")
    make_release()
    assert "Career two" in client.get(reverse("career_list"), {"q": "career"}).content.decode()


# Profile ------------------------------------------------------------------------------------


def test_profile_shows_every_block(client):
    make_complete_occupation()
    response = client.get(reverse("career_detail", args=["43-4051.00"]))
    html = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "<h1>Customer Service Representatives</h1>",
        "43-4051.00",
        "Talk with customers",
        "Call Center Agent",
        "Answer customer questions by telephone",
        "1 more task some workers do",
        'role="img"',
        '<title id="riasec-title">',
        "Enterprising 89%",
        "Dependability",
        "Being reliable and fulfilling obligations.",
        "Relationships",
        "Service Orientation",
        "Level needed: 45%",
        "Customer and Personal Service",
        "Oral Comprehension",
        "Working with the Public",
        "Telephone Conversations",
        "Job zone 2 of 5: Some Preparation Needed",
        "High School Diploma",
        "$44,770",
        "$21.52",
        "2,800,000",
        "Texas",
        "337,170",
        "1.23",
        "Dallas-Fort Worth-Arlington, TX",
        "Receptionists and Information Clerks",
        'href="/careers/43-4171.00/"',
        "O*NET 29.3 Database",
        "May 2025",
    ):
        assert expected in html, expected


def test_profile_top_coded_wage_says_or_more(client):
    make_complete_occupation()
    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()
    assert "$239,200 or more" in html
    assert "$115.00 or more" in html
    assert "$0" not in html


def test_profile_omits_blocks_without_data(client):
    make_occupation("11-1011.00", "Chief Executives", description="")
    response = client.get(reverse("career_detail", args=["11-1011.00"]))
    html = response.content.decode()
    assert response.status_code == 200
    for absent in (
        'id="interests"',
        'id="work-styles"',
        'id="work-values"',
        'id="skills"',
        'id="abilities"',
        'id="work-context"',
        'id="education"',
        'id="wages"',
        'id="related"',
        "Also called",
        "On the job",
        "Median pay",
        "<svg",
        "Not available",
        "0%",
    ):
        assert absent not in html, absent


def test_profile_missing_wage_fields_read_not_available_never_zero(client):
    make_occupation()
    make_wage("43-4051", annual_median=None, hourly_median=None, annual_p10=28_000)
    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()
    assert "$28,000" in html
    assert "Not available" in html
    assert "Median pay" not in html  # the key fact is left out rather than shown empty


def test_unknown_code_is_a_404_page(client):
    response = client.get("/careers/99-9999.00/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_malformed_code_is_a_404(client):
    assert client.get("/careers/not-a-code/").status_code == 404


def test_bare_soc_code_redirects_to_the_occupation(client):
    make_occupation("29-1141.01", "Acute Care Nurses")
    make_occupation("29-1141.00", "Registered Nurses")
    response = client.get("/careers/29-1141/")
    assert response.status_code == 302
    assert response["Location"] == "/careers/29-1141.00/"
    assert client.get("/careers/99-9999/").status_code == 404


def test_profile_queries_stay_bounded(client, django_assert_max_num_queries):
    make_complete_occupation()
    # 15 to build the profile (3 of them the related careers' pay, outlook and AI exposure),
    # 1 to look up its title and the catalog stamp.
    with django_assert_max_num_queries(16):
        client.get(reverse("career_detail", args=["43-4051.00"]))


def test_a_profile_seen_again_comes_from_the_cache_in_one_query(
    client, django_assert_max_num_queries
):
    make_complete_occupation()
    url = reverse("career_detail", args=["43-4051.00"])
    first = client.get(url).content.decode()
    with django_assert_max_num_queries(1):
        again = client.get(url).content.decode()
    assert re.sub(r'"X-CSRFToken": "[^"]*"', "", again) == re.sub(
        r'"X-CSRFToken": "[^"]*"', "", first
    )


def test_a_new_data_release_shows_on_a_cached_profile_at_once(client):
    make_complete_occupation()
    url = reverse("career_detail", args=["43-4051.00"])
    assert "$44,770" in client.get(url).content.decode()
    WageEstimate.objects.filter(annual_median=44_770).update(annual_median=51_000)
    make_release(source=DataRelease.Source.OEWS, version="May 2026")
    assert "$51,000" in client.get(url).content.decode()


def test_an_unknown_code_is_a_404_without_building_a_profile(client):
    assert client.get(reverse("career_detail", args=["99-9999.00"])).status_code == 404


def test_a_table_the_release_lacks_is_named_in_one_line(client, db):
    release = make_release()
    release.skipped = ["Abilities", "Work Context", "Something Else"]
    release.save()
    make_occupation()

    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()

    assert (
        "O*NET 29.3, as loaded here, has no Abilities or Work Context ratings, so this page "
        "cannot show them."
    ) in html


def test_every_alternate_title_is_reachable_and_a_shared_soc_code_is_said(client, db):
    nurses = make_occupation("29-1141.00", "Registered Nurses")
    make_occupation("29-1141.01", "Acute Care Nurses")
    make_wage("29-1141")
    titles = [f"Nurse title {n:02d}" for n in range(20)]
    AlternateTitle.objects.bulk_create(
        AlternateTitle(occupation=nurses, title=title) for title in titles
    )

    html = client.get(reverse("career_detail", args=["29-1141.00"])).content.decode()

    assert all(title in html for title in titles)
    assert "<summary>8 other titles</summary>" in html
    assert "figures below are for the whole group 29-1141" in html
    assert "shares with 1 other O*NET occupation." in html


def test_related_careers_come_with_pay_preparation_outlook_and_ai_exposure(client, db):
    from occupations.models import AiExposure
    from tests.factories import make_related
    from tests.occupations.projections_data import make_projection, make_total

    service = make_occupation()
    clerks = make_occupation("43-4171.00", "Receptionists and Information Clerks", job_zone=2)
    make_related(service, clerks)
    make_wage("43-4171", annual_median=37_230)
    make_total("3.1")
    make_projection("43-4171", "-0.9", education="High school diploma or equivalent")
    AiExposure.objects.create(
        code="43-4171.00",
        title="Receptionists",
        **dict.fromkeys(
            ("human_alpha", "human_gamma", "model_alpha", "model_beta", "model_gamma"), "0.5"
        ),
        human_beta="0.6150",
    )

    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()
    table = html[html.index('id="related-title"') :]

    assert "Receptionists and Information Clerks" in table
    assert "$37,230" in table
    assert "High school diploma or equivalent" in table
    assert "Little or no change" in table
    assert "62 / 100" in table  # 61.5 shows as 62
