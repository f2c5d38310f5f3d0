from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from occupations.models import Occupation
from tests.assessments.account_factories import (
    join,
    make_counselor,
    make_group,
    make_user,
    owned_result,
)
from tests.assessments.results_factories import make_scored_catalog
from tests.factories import make_occupation, make_rating, make_related, make_wage

pytestmark = pytest.mark.django_db

SKILLS = ("2.A.1.a", "2.B.1.f", "2.C.3.a")


def rate(occupation: Occupation, levels: tuple[float, ...], importance: float = 80) -> Occupation:
    for element_id, level in zip(SKILLS, levels, strict=True):
        make_rating(occupation, element_id, "IM", percentage=importance)
        make_rating(occupation, element_id, "LV", percentage=level)
    return occupation


@pytest.fixture
def jobs() -> dict[str, Occupation]:
    service = rate(
        make_occupation("43-4051.00", "Customer Service Representatives", job_zone=2), (40, 50, 30)
    )
    clerks = rate(
        make_occupation("43-4171.00", "Receptionists and Information Clerks", job_zone=2),
        (40, 55, 30),
    )
    nurses = rate(make_occupation("29-1141.00", "Registered Nurses", job_zone=3), (80, 70, 60))
    make_related(service, clerks)
    make_wage("43-4051", annual_median=44_770)
    make_wage("43-4171", annual_median=38_010)
    make_wage("29-1141", annual_median=97_550)
    return {"service": service, "clerks": clerks, "nurses": nurses}


def moves_html(client: Client, code: str = "43-4051.00", **query: str) -> str:
    response = client.get(reverse("career_moves", args=[code]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_moves_rank_the_close_career_first_and_say_why(client, jobs):
    html = moves_html(client)
    titles = re.findall(r'<th scope="row">\s*<a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Receptionists and Information Clerks", "Registered Nurses"]
    assert "O*NET lists it as a related career" in html
    assert "pays 118 % more" in html  # 97,550 against 44,770
    assert "1 job zone more preparation" in html


def test_a_bad_state_or_page_is_reported_and_the_national_moves_shown(client, jobs):
    response = client.get(
        reverse("career_moves", args=["43-4051.00"]), {"state": "ZZ", "page": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose a state from the list." in html
    assert "Registered Nurses" in html


def test_one_move_lists_what_to_learn_with_both_levels(client, jobs):
    response = client.get(reverse("career_move", args=["43-4051.00", "29-1141.00"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "From Customer Service Representatives to Registered Nurses" in html
    rows = re.findall(r'<th scope="row">([^<]+) <span class="unit">', html)
    # Gaps 40, 30 and 20: largest first.
    assert rows[:3] == ["Element 2.A.1.a", "Element 2.C.3.a", "Element 2.B.1.f"]
    assert '<td class="num">+40</td>' in html


def test_compare_keeps_the_order_asked_and_refuses_one_career(client, jobs):
    url = reverse("career_compare")
    response = client.get(url + "?c=29-1141.00&c=43-4051.00&c=29-1141.00")
    html = response.content.decode()
    assert response.status_code == 200
    heads = re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a>', html)
    assert heads == ["Registered Nurses", "Customer Service Representatives"]
    assert "$97,550" in html
    single = client.get(url + "?c=29-1141.00")
    assert single.status_code == 400
    assert "Choose at least two careers to compare." in single.content.decode()
    unknown = client.get(url + "?c=29-1141.00&c=99-9999.99")
    assert unknown.status_code == 400
    assert "not a career in the catalog" in unknown.content.decode()


def test_moves_of_a_person_use_their_fit_and_a_counselor_sees_a_clients(client):
    make_scored_catalog()
    owner = make_user("owner@example.com")
    assessment = owned_result(owner)
    for occupation in Occupation.objects.all():
        rate(occupation, (50, 50, 50))
    client.force_login(owner)
    client.get(reverse("assessments:results", args=[assessment.token]))
    mine = moves_html(client, "47-2031.00")
    assert '<th scope="col" class="num">FIT</th>' in mine
    counselor = make_counselor("c@example.com")
    join(make_group(counselor), owner)
    other = Client()
    other.force_login(counselor)
    theirs = other.get(reverse("career_moves", args=["47-2031.00"]), {"client": assessment.pk})
    assert theirs.status_code == 200
    assert "your client" in theirs.content.decode()
    # Someone else's id is refused, not ignored.
    stranger = Client()
    stranger.force_login(make_counselor("s@example.com"))
    refused = stranger.get(reverse("career_moves", args=["47-2031.00"]), {"client": assessment.pk})
    assert refused.status_code == 404


def test_the_current_job_is_found_set_shown_and_cleared(client):
    make_scored_catalog()
    owner = make_user("owner@example.com")
    assessment = owned_result(owner)
    client.force_login(owner)
    url = reverse("assessments:current_job", args=[assessment.token])

    found = client.get(url, {"q": "electrcian"}).content.decode()
    assert "Nothing matches “electrcian”" in found
    assert "This is my job: Electricians" in found
    partial = client.get(url, {"q": "nurse"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "This is my job: Registered Nurses" in partial

    response = client.post(url, {"code": "47-2111.00"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.current_occupation_id == "47-2111.00"
    results = client.get(reverse("assessments:results", args=[assessment.token])).content.decode()
    assert 'You work as <a href="/careers/47-2111.00/">Electricians</a>' in results
    assert reverse("career_moves", args=["47-2111.00"]) in results
    assert "c=47-2111.00&amp;c=" in results or "c=47-2111.00&c=" in results
    export = client.get(reverse("assessments:export")).json()
    assert export["assessments"][0]["current_job"] == {
        "code": "47-2111.00",
        "title": "Electricians",
    }

    bad = client.post(url, {"code": "99-9999.99"})
    assert bad.status_code == 400
    assert "not in the catalog" in bad.content.decode()
    client.post(url, {"code": ""})
    assessment.refresh_from_db()
    assert assessment.current_occupation_id is None


class GeneratedMoveInput(TestCase):
    @classmethod
    def setUpTestData(cls):
        rate(make_occupation("43-4051.00", "Customer Service Representatives"), (40, 50, 30))
        rate(make_occupation("29-1141.00", "Registered Nurses"), (80, 70, 60))

    @settings(max_examples=40, deadline=None)
    @given(
        state=st.text(max_size=12),
        page=st.text(max_size=8),
        client_id=st.text(max_size=12),
        codes=st.lists(st.text(max_size=14), max_size=6),
    )
    def test_any_query_gets_a_page_or_a_clear_error(self, state, page, client_id, codes):
        query = {"state": state, "page": page, "client": client_id}
        for url in (
            reverse("career_moves", args=["43-4051.00"]),
            reverse("career_move", args=["43-4051.00", "29-1141.00"]),
        ):
            assert self.client.get(url, query).status_code in (200, 400, 404)
        compare = self.client.get(reverse("career_compare"), {"c": codes, "client": client_id})
        assert compare.status_code in (200, 400, 404)


def test_a_counselor_sees_the_clients_job_and_links_to_moves_with_the_client_id(client):
    from assessments import services

    make_scored_catalog()
    owner = make_user("owner@example.com")
    assessment = owned_result(owner)
    services.assessment_set_current_job(
        assessment=assessment, occupation=Occupation.objects.get(code="47-2111.00")
    )
    counselor = make_counselor("c@example.com")
    join(make_group(counselor), owner)
    client.force_login(counselor)

    html = client.get(reverse("assessments:counselor_result", args=[assessment.pk])).content
    html = html.decode()

    assert "Works as" in html
    moves_url = reverse("career_moves", args=["47-2111.00"]) + f"?client={assessment.pk}"
    assert moves_url in html
    assert f"client={assessment.pk}" in html.split("side by side")[0].rsplit("<a", 1)[1]
    # Only the owner may change the job: no search form for the counselor.
    assert reverse("assessments:current_job", args=[assessment.token]) not in html
