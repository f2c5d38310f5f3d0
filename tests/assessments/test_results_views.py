from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments import scoring
from assessments.models import Assessment, Result
from assessments.results import SESSION_TOKEN
from occupations.services import catalog_changed
from tests.assessments.factories import answer_all, make_assessment, make_questionnaire
from tests.assessments.results_factories import finished_assessment, make_scored_catalog

pytestmark = pytest.mark.django_db

CAREERS = {"HX-Request": "true", "HX-Target": "careers"}
MORE_ROWS = {"HX-Request": "true", "HX-Target": "career-rows"}


def results_url(assessment: Assessment) -> str:
    return reverse("assessments:results", args=[assessment.token])


def career_titles(html: str) -> list[str]:
    """Career titles in the order the results list shows them."""
    return re.findall(r'<th scope="row" class="career"[^>]*>\s*<a href="[^"]+">([^<]+)</a>', html)


def without_tokens(html: str) -> str:
    # CSRF tokens are masked differently on every response.
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.fixture
def assessment() -> Assessment:
    make_scored_catalog()
    return finished_assessment()


def test_the_results_page_shows_the_profile_and_the_ranked_careers(client, assessment):
    response = client.get(results_url(assessment))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Your results</h1>" in html
    assert '<strong class="holland-code">RAI</strong>' in html
    # The RIASEC chart: an image with a title, and its numbers also as text.
    assert re.search(r'<svg class="bar-chart"[^>]*role="img"', html)
    assert '<title id="your-riasec-title">Your interests</title>' in html
    assert "Realistic 100%, Investigative 0%, Artistic 50%" in html
    assert "Dependability" in html
    assert "Achievement" in html
    assert career_titles(html) == [
        "Electricians",
        "Registered Nurses",
        "Customer Service Representatives",
        "Carpenters",
        "Medical Scientists",
    ]
    assert 'href="/careers/47-2111.00/"' in html
    assert (
        '<span class="fit-number">97</span> <span class="fit-band band-excellent">excellent</span>'
    ) in html
    assert "$61,000" in html
    assert "$239,200 or more" in html  # a top-coded median
    assert "Not available" in html
    assert (
        "Why:</span> You and this job both lean strongly to Realistic work (100 % and 85 %)."
        in html
    )
    assert "But:</span>" in html
    assert "Ranked by interests <strong>50%</strong>" in html
    assert "5 careers, showing 1–5" in html
    assert reverse("assessments:how_we_score") in html
    assert "Career data has changed" not in html
    assert client.session[SESSION_TOKEN] == assessment.token


def test_the_done_page_and_the_resume_link_lead_to_the_results(client, assessment):
    for name in ("done", "resume", "finish"):
        response = client.get(reverse(f"assessments:{name}", args=[assessment.token]))
        assert response["Location"] == results_url(assessment)
    assert client.get(reverse("assessments:page", args=[assessment.token, 1]))["Location"] == (
        results_url(assessment)
    )


def test_finishing_leads_to_the_results(client, db):
    make_scored_catalog()
    assessment = make_assessment()
    answer_all(assessment, [1, 4, 2, 5, 3])
    response = client.post(reverse("assessments:finish", args=[assessment.token]), follow=True)
    assert response.redirect_chain == [(results_url(assessment), 302)]
    assert "<h1>Your results</h1>" in response.content.decode()


def test_an_unknown_token_gets_the_quizs_404(client, db):
    response = client.get(reverse("assessments:results", args=["x" * 32]))
    assert response.status_code == 404
    assert "We could not find that assessment" in response.content.decode()
    malformed = client.get("/assessment/not%20a%20token/results/")
    assert malformed.status_code == 404
    assert "We could not find that assessment" in malformed.content.decode()


def test_an_unfinished_assessment_is_sent_to_finish(client, db):
    assessment = make_assessment()
    response = client.get(results_url(assessment))
    assert response["Location"] == reverse("assessments:finish", args=[assessment.token])


def test_a_finished_assessment_without_a_result_can_be_scored(client, assessment):
    Result.objects.all().delete()
    response = client.get(results_url(assessment))
    assert response.status_code == 200
    assert "have not been scored yet" in response.content.decode()
    rescore = reverse("assessments:rescore", args=[assessment.token])
    assert f'action="{rescore}"' in response.content.decode()
    client.post(rescore)
    assert assessment.results.count() == 1


def test_the_page_links_to_its_assessments_own_pages(client, assessment):
    page = client.get(results_url(assessment)).content.decode()
    for name in (
        "rescore",
        "report",
        "report_pdf",
        "current_job",
        "assessment_relink",
        "assessment_delete",
    ):
        assert f'="{reverse(f"assessments:{name}", args=[assessment.token])}"' in page, name
    for name in ("assessments:how_we_score", "assessments:signup", "login", "career_compare"):
        assert f'="{reverse(name)}' in page, name


def test_a_result_scored_before_any_career_was_loaded_shows_the_profile(client, db):
    assessment = finished_assessment()
    response = client.get(results_url(assessment))
    assert response.status_code == 200
    html = response.content.decode()
    assert "RAI" in html
    assert "No careers to compare with yet" in html


def test_flat_answers_and_result_notes_are_shown(client, db):
    make_scored_catalog()
    assessment = finished_assessment(flat=True)
    html = client.get(results_url(assessment)).content.decode()
    assert "About your answers" in html
    assert "say less about which careers suit you" in html  # the quiz's quality check
    assert "answers were almost all the same" in html  # a note stored with the result


@pytest.mark.parametrize("extra", [0, 25])
def test_the_query_count_is_bounded_and_does_not_grow_with_the_catalog(
    client, django_assert_max_num_queries, extra
):
    make_scored_catalog(extra=extra)
    assessment = finished_assessment()
    url = results_url(assessment)
    client.get(url)  # the first visit remembers the assessment and builds the scoring matrix
    client.get(url, {"state": "48"})  # and the first for a state reads its wages once
    with django_assert_max_num_queries(10) as plain:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10) as filtered:
        response = client.get(url, {"state": "48", "zone": ["2", "3"], "interests": "80"})
        assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.get(url, {"page": "2"}, headers=MORE_ROWS)
    # The session, and the result read with the catalog stamp, which also serves as the scoring
    # matrix's version check (occupations, wages, outlooks and the states are read once per
    # stamp and state, a result's code list once per process); the answer-quality notes of a
    # finished assessment are cached.
    assert (len(plain.captured_queries), len(filtered.captured_queries)) == (2, 2)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"zone": ["3"]}, ["Electricians", "Registered Nurses"]),
        ({"min_wage": "$60,000"}, ["Electricians", "Registered Nurses", "Medical Scientists"]),
        ({"holland": "r"}, ["Electricians", "Carpenters"]),
        ({"q": "scien"}, ["Medical Scientists"]),
        ({"state": "48", "min_wage": "55000"}, ["Electricians", "Medical Scientists"]),
    ],
)
def test_filters_work_as_a_plain_form_and_with_htmx(client, assessment, query, expected):
    plain = client.get(results_url(assessment), query)
    assert plain.status_code == 200
    assert career_titles(plain.content.decode()) == expected

    live = client.get(results_url(assessment), query, headers=CAREERS)
    html = live.content.decode()
    assert live.status_code == 200
    assert career_titles(html) == expected
    assert "<h1>" not in html  # only the career list
    assert 'id="results-status"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert live["Vary"].startswith("HX-Request, HX-Target")


def test_a_state_shows_its_wages_and_jobs(client, assessment):
    html = client.get(results_url(assessment), {"state": "48"}).content.decode()
    assert "pay and jobs in Texas" in html
    assert "$58,000" in html
    assert "321" in html
    assert '<option value="48" selected>Texas</option>' in html
    assert '<option value="">the whole U.S.</option>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"zone": "9"}, "Job zone must be a number from 1 to 5."),
        ({"min_wage": "lots"}, "Minimum pay must be a whole number of dollars a year"),
        ({"state": "99"}, "There are no pay figures for that state"),
        ({"holland": "X"}, "Interest must be one of the letters R, I, A, S, E or C."),
        ({"outlook": "rosy"}, "Job outlook must be one of the listed choices."),
        ({"sort": "random"}, "Order must be one of the listed choices."),
        ({"ai": "99"}, "AI exposure must be one of the listed choices."),
        ({"interests": "150"}, "Weights must be whole numbers from 0 to 100."),
        (
            {"interests": "0", "work_styles": "0", "work_values": "0"},
            "Give at least one of interests, work styles and work values a weight above 0.",
        ),
    ],
)
def test_invalid_filters_are_a_400_with_a_message_and_the_rest_still_applies(
    client, assessment, query, message
):
    for headers in ({}, CAREERS):
        response = client.get(results_url(assessment), {**query, "q": "er"}, headers=headers)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        # The valid filter still narrows the list; invalid weights fall back to the result's.
        assert career_titles(html) == [
            "Registered Nurses",
            "Customer Service Representatives",
            "Carpenters",
        ]
        assert "Ranked by interests <strong>50%</strong>" in html


def test_weights_rerank_the_careers_without_changing_the_result(client, assessment):
    url = results_url(assessment)
    assert career_titles(client.get(url).content.decode())[0] == "Electricians"

    html = client.get(
        url, {"interests": "100", "work_styles": "0", "work_values": "0"}, headers=CAREERS
    ).content.decode()

    assert career_titles(html)[0] == "Carpenters"
    assert "Ranked by interests <strong>100%</strong>" in html
    assert "not the weights your result was saved with" in html
    # The sliders' values travel with the re-score form.
    assert '<input type="hidden" name="interests" value="100">' in html
    assert assessment.results.count() == 1
    assert career_titles(client.get(url).content.decode())[0] == "Electricians"


def test_sliders_show_the_values_asked_for(client, assessment):
    html = client.get(
        results_url(assessment), {"interests": "80", "work_styles": "80", "work_values": "40"}
    ).content.decode()
    assert re.search(r'id="id_interests"[^>]*value="80"', html)
    assert '<output for="id_work_values" id="id_work_values_value" class="slider-value">40' in html
    assert "interests <strong>40%</strong>, work styles <strong>40%</strong>" in html
    assert '<label for="id_work_styles">Work styles</label>' in html


def test_show_more_appends_the_next_careers(client, db):
    make_scored_catalog(extra=55)
    assessment = finished_assessment()
    url = results_url(assessment)

    first = client.get(url).content.decode()
    assert len(career_titles(first)) == 25
    assert 'href="?page=2#rank-26"' in first
    assert 'hx-get="?page=2"' in first
    assert 'hx-swap="beforeend"' in first

    more = client.get(url, {"page": "2"}, headers=MORE_ROWS)
    html = more.content.decode()
    assert more.status_code == 200
    assert html.lstrip().startswith('<tr id="rank-26"')
    assert len(career_titles(html)) == 25
    assert "<table" not in html
    # The count and the next "show more" link come along out of band.
    assert "showing 1–50" in html
    assert 'hx-get="?page=3"' in html

    # Without JavaScript, ?page=2 shows the first fifty.
    plain = client.get(url, {"page": "2"}).content.decode()
    assert career_titles(plain)[25:] == career_titles(html)
    last = client.get(url, {"page": "3"}).content.decode()
    assert len(career_titles(last)) == 60
    assert "more careers" not in last
    assert "Show 10 more careers" in plain


def test_rescoring_makes_a_new_result_and_redirects(client, assessment):
    first = assessment.results.get()
    response = client.post(
        reverse("assessments:rescore", args=[assessment.token]),
        {"interests": "100", "work_styles": "0", "work_values": "0", "zone": "2", "q": "car"},
    )
    assert response.status_code == 302
    assert response["Location"] == results_url(assessment) + "?zone=2&q=car"
    assert assessment.results.count() == 2
    newest = assessment.results.latest()
    assert newest.pk != first.pk
    assert newest.weights == {"interests": 1.0, "work_styles": 0.0, "work_values": 0.0}

    html = client.get(response["Location"]).content.decode()
    assert "scored again against the current career data" in html
    assert career_titles(html) == ["Carpenters"]
    assert "Ranked by interests <strong>100%</strong>" in html
    assert "not the weights your result" not in html


def test_rescoring_without_weights_uses_the_defaults(client, assessment):
    client.post(reverse("assessments:rescore", args=[assessment.token]))
    assert assessment.results.latest().weights == scoring.DEFAULT_WEIGHTS.as_dict()


def test_rescoring_refuses_unusable_weights(client, assessment):
    response = client.post(
        reverse("assessments:rescore", args=[assessment.token]),
        {"interests": "0", "work_styles": "0", "work_values": "0"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your results were not re-scored" in html
    assert "Back to your results" in html
    assert assessment.results.count() == 1


def test_rescoring_needs_a_post_and_a_known_finished_assessment(client, db):
    assessment = make_assessment()
    url = reverse("assessments:rescore", args=[assessment.token])
    assert client.get(url).status_code == 405
    assert client.post(url)["Location"] == reverse("assessments:finish", args=[assessment.token])
    assert client.post(reverse("assessments:rescore", args=["y" * 30])).status_code == 404


def test_revisiting_shows_the_same_stored_result(client, assessment):
    url = results_url(assessment)
    first = without_tokens(client.get(url).content.decode())
    # Even a catalog change does not alter what the saved result shows, only a notice.
    catalog_changed()
    second = without_tokens(client.get(url).content.decode())
    assert assessment.results.count() == 1
    assert career_titles(second) == career_titles(first)
    assert re.findall(r'fit-number">(\d+)<', second) == re.findall(r'fit-number">(\d+)<', first)
    assert "Career data has changed since this result" in second
    assert "re-score with current data" in second


def test_each_fit_shows_its_range_and_careers_too_close_to_call_say_so(client, assessment):
    html = client.get(results_url(assessment)).content.decode()

    ranges = re.findall(
        r'<span class="fit-range"><span class="visually-hidden">likely range on a retest </span>'
        r"(\d+)–(\d+)</span>",
        html,
    )
    assert len(ranges) == 5
    low, high = map(int, ranges[0])  # Electricians, FIT 97; the draws depend on the result's id
    assert low < 97 <= high <= 100
    # Lower careers' ranges reach Registered Nurses' (rank 2), whose own stays below the first.
    assert "too close to call with no. 2" in html
    assert "too close to call with no. 1" not in html
    assert "How sure is a FIT?" in html


def test_a_result_stored_before_ranges_shows_none(client, assessment):
    result = assessment.results.get()
    result.profile = [{k: v for k, v in row.items() if k != "error"} for row in result.profile]
    result.save()

    html = client.get(results_url(assessment)).content.decode()

    assert "fit-range" not in html
    assert "too close to call" not in html


def test_tied_interests_are_shown_in_the_holland_code(client, db):
    make_scored_catalog()
    tied = finished_assessment(answers={"Investigative": 3, "Artistic": 3})

    html = client.get(results_url(tied)).content.decode()

    # This questionnaire measures three interests, so both tied letters fit in the code.
    assert '<strong class="holland-code">R I = A</strong>' in html
    assert "Investigative and Artistic are tied at 50 %." in html


def test_the_career_page_shows_your_fit_when_this_browser_has_a_result(
    client, assessment, django_assert_max_num_queries
):
    url = reverse("career_detail", args=["47-2031.00"])
    client.get(results_url(assessment))
    client.get(url)  # builds the scoring matrix

    with django_assert_max_num_queries(14) as counted:
        html = client.get(url).content.decode()

    assert '<h2 id="your-fit-title">Your FIT</h2>' in html
    assert '<span class="fit-score">27</span>' in html
    assert '<span class="fit-band band-weak">weak</span>' in html
    assert "Number 4 of the 5 careers" in html
    low, high = map(int, re.search(r"Likely range on a retest: (\d+) to (\d+)", html).groups())
    assert low < 27 < high
    assert "You and this job, trait by trait" in html
    assert '<caption id="you-vs-interests">Interests</caption>' in html
    assert "Stress Tolerance" in html
    assert results_url(assessment) in html

    anonymous = Client()
    with django_assert_max_num_queries(14) as without:
        html = anonymous.get(url).content.decode()
    assert "Your FIT" not in html
    # The session, the result, and the scoring matrix's version check.
    assert len(counted.captured_queries) - len(without.captured_queries) <= 3


def test_related_careers_show_your_fit_to_you_only(client, assessment):
    from occupations.models import Occupation
    from tests.factories import make_related

    carpenters = Occupation.objects.get(code="47-2031.00")
    make_related(carpenters, Occupation.objects.get(code="47-2111.00"), index=1)
    make_related(carpenters, Occupation.objects.get(code="29-1141.00"), index=2)
    results_html = client.get(results_url(assessment)).content.decode()
    url = reverse("career_detail", args=["47-2031.00"])

    anonymous_before = Client().get(url).content.decode()
    html = client.get(url).content.decode()
    anonymous_after = Client().get(url).content.decode()

    related = html[html.index('id="related"') :]
    assert '<th scope="col" class="num">Your FIT</th>' in related
    rows = re.findall(
        r'<tr>\s*<th scope="row"><a href="[^"]+">([^<]+)</a></th>.*?</tr>', related, re.S
    )
    assert rows == ["Electricians", "Registered Nurses"]
    # The FIT next to each related career is the one the results page gives it.
    electricians_fit = re.search(
        r'Electricians</a>.*?fit-number">(\d+)<', results_html, re.S
    ).group(1)
    cells = re.findall(r'<td class="num">(\d+) <span class="unit">(\w+)</span></td>', related)
    assert cells[0][0] == electricians_fit
    # Sources still close the page; other visitors get the cached page without anyone's FIT.
    assert html.index('id="related"') < html.index('id="sources"')
    for other in (anonymous_before, anonymous_after):
        assert "Your FIT" not in other
        assert 'id="related"' in other
        assert 'id="sources"' in other


def test_the_career_page_ignores_an_unfinished_assessment(client, db):
    make_scored_catalog()
    assessment = make_assessment()
    client.get(reverse("assessments:resume", args=[assessment.token]))
    assert client.session[SESSION_TOKEN] == assessment.token
    html = client.get(reverse("career_detail", args=["47-2031.00"])).content.decode()
    assert "Your FIT" not in html


def test_starting_an_assessment_remembers_it_in_the_session(client, db):
    make_questionnaire()
    client.post(reverse("assessments:start"), {"form": "short"})
    assert client.session[SESSION_TOKEN] == Assessment.objects.get().token


def test_how_we_score_explains_the_method_with_the_modules_constants(client, db):
    response = client.get(reverse("assessments:how_we_score"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"scoring version {scoring.SCORING_VERSION}" in html
    low, high = scoring.SLOPE_RANGE
    assert f"kept between {low:g} and {high:g}" in html
    assert f"{scoring.LEVEL_SHARE:g} · <var>L</var><sup>2</sup>" in html
    assert f"counts {scoring.EXCESS_COST:g} times as much" in html
    assert f"÷ {scoring.FIT_HALF:g})<sup>{scoring.FIT_STEEPNESS:g}</sup>" in html
    # Plain words first: what the number means, with the bands, before any formula.
    assert html.index("What your FIT means") < html.index('class="formula"')
    for _lowest, word, meaning in scoring.BANDS:
        assert f'<th scope="row">{word.capitalize()}</th><td>{meaning}</td>' in html
    assert "interests 50%, work styles 30% and work values 20%" in html
    assert "median distance" in html
    assert "O*NET-SOC code order" in html
    # Linked from every page's footer.
    home = client.get(reverse("home")).content.decode()
    assert reverse("assessments:how_we_score") in home


def test_how_we_score_lists_the_outlook_thresholds_once_projections_are_loaded(client, db):
    from tests.occupations.projections_data import make_total

    html = client.get(reverse("assessments:how_we_score")).content.decode()
    assert "Job outlook labels" in html
    assert "<caption>Outlook labels" not in html  # no projections yet: rules only

    make_total("3.1")
    html = client.get(reverse("assessments:how_we_score")).content.decode()
    assert "(+3.1% for 2024–2034)" in html
    assert '<th scope="row">Much faster than average</th><td>+7.1% or more</td>' in html


def test_a_career_missing_a_part_says_that_part_counts_as_typical(client, assessment):
    client.get(results_url(assessment))
    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()
    assert "O*NET has no work values ratings for this career" in html

    results_page = client.get(results_url(assessment)).content.decode()
    assert "A “–” part score means O*NET has not rated that career on that part" in results_page
