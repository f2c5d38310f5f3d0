from __future__ import annotations

import math

import numpy as np
import pytest

from assessments import matching, queries, reasons, results, snapshot
from assessments.models import Result
from assessments.scoring import DEFAULT_WEIGHTS, Weights, combine
from occupations.freshness import catalog_versions
from occupations.models import AiExposure, Area, Occupation
from occupations.services import catalog_changed
from tests.assessments.results_factories import finished_assessment, make_scored_catalog
from tests.factories import make_area, make_wage

# --- snapshot: pure -------------------------------------------------------------------------

SQUARED = {"interests": [0.0, 400.0, None], "work_styles": [1600.0, 0.0, 100.0]}


def test_the_stored_fit_is_kept_under_the_weights_it_was_scored_with():
    # The stored FIT wins even where recombining rounded distances would differ a little.
    standing = snapshot.standing(
        fit=[61.2, 70.0, None],
        squared=SQUARED,
        scored_with=DEFAULT_WEIGHTS,
        weights=Weights(50, 30, 20),
    )
    assert standing.fit[:2].tolist() == [61.2, 70.0]
    assert math.isnan(standing.fit[2])
    assert standing.order.tolist() == [1, 0, 2]


def test_other_weights_recombine_the_stored_distances():
    standing = snapshot.standing(
        fit=[61.2, 70.0, None],
        squared=SQUARED,
        scored_with=DEFAULT_WEIGHTS,
        weights=Weights(1, 0, 0),
    )
    distances = np.array([[0.0, 1600.0], [400.0, 0.0], [0.0, 100.0]])
    valid = np.array([[True, True], [True, True], [False, True]])
    expected = combine(distances, valid, ["interests", "work_styles"], Weights(1, 0, 0))
    np.testing.assert_array_equal(standing.fit, expected)
    assert standing.fit[0] == 100.0
    assert standing.order.tolist()[0] == 0
    assert standing.weights == Weights(1.0, 0.0, 0.0)


def test_components_come_from_each_domains_distance():
    standing = snapshot.standing(
        fit=[1, 2, 3], squared=SQUARED, scored_with=DEFAULT_WEIGHTS, weights=DEFAULT_WEIGHTS
    )
    # On the FIT curve: 0 points apart → 100; 20 → 34.2; 40 → 4.7; 10 → 84.6; unrated → NaN.
    assert standing.components["interests"][:2].tolist() == [100.0, 34.2]
    assert math.isnan(standing.components["interests"][2])
    assert standing.components["work_styles"].tolist() == [4.7, 100.0, 84.6]


def test_an_empty_result_has_an_empty_standing():
    standing = snapshot.standing(
        fit=[], squared={}, scored_with=DEFAULT_WEIGHTS, weights=Weights(1, 1, 1)
    )
    assert standing.fit.size == 0
    assert standing.order.size == 0


def test_stored_weights_fall_back_to_the_defaults_for_anything_unusable():
    assert snapshot.stored_weights({"interests": 1, "work_styles": 0, "work_values": 0}) == (
        Weights(1.0, 0.0, 0.0)
    )
    assert snapshot.stored_weights({}) == DEFAULT_WEIGHTS.normalized()
    assert snapshot.stored_weights({"interests": "a lot"}).interests == 0.5
    assert snapshot.stored_weights({"interests": 0, "work_styles": 0, "work_values": 0}) == (
        DEFAULT_WEIGHTS.normalized()
    )


def test_same_weights_compares_proportions():
    assert snapshot.same_weights(Weights(50, 30, 20), DEFAULT_WEIGHTS)
    assert snapshot.same_weights(Weights(1, 1, 1), Weights(0.3333, 0.3333, 0.3333))
    assert not snapshot.same_weights(Weights(50, 30, 21), DEFAULT_WEIGHTS)


def test_a_profile_is_rebuilt_from_stored_rows():
    rows = [
        {
            "element_id": "1.B.1.a",
            "name": "Realistic",
            "domain": "interests",
            "percentage": 75.0,
            "answered": 2,
        },
        {
            "element_id": "1.C.5.a",
            "name": "Dependability",
            "domain": "work_styles",
            "percentage": None,
            "answered": 0,
        },
    ]
    profile = snapshot.profile_from_rows(rows, holland_code="R", notes=["a note"])
    assert profile.percentage("1.B.1.a") == 75.0
    assert profile.percentage("1.C.5.a") is None
    assert profile.scores[0].answered == 2
    assert profile.holland_code == "R"
    assert profile.notes == ("a note",)
    assert [trait.domain for trait in snapshot.traits_of(rows)] == ["interests", "work_styles"]


# --- results: the read module -------------------------------------------------------------


@pytest.fixture
def result(db) -> Result:
    make_scored_catalog()
    return finished_assessment().results.get()


def titles(view: results.ResultsView) -> list[str]:
    return [row.title for row in view.rows]


def test_the_stored_traits_are_the_questionnaires_so_the_matrix_cache_is_shared(result):
    assessment = result.assessment
    traits, _items = matching.questionnaire_key(assessment.questionnaire, assessment.form)
    assert snapshot.traits_of(result.profile) == traits


def test_careers_are_listed_best_first_with_components_wages_and_reasons(result):
    view = results.build_results(result, results.Filters(), areas=results.wage_areas())

    # Carpenters share the interests best but fall far short on Stress Tolerance and values.
    assert titles(view)[:2] == ["Electricians", "Registered Nurses"]
    assert view.total == view.scored == 5
    top = view.rows[0]
    assert (top.rank, top.code, top.job_zone, top.holland_code) == (1, "47-2111.00", 3, "RIC")
    assert top.fit == 97.1
    assert [(c.label, c.score) for c in top.components] == [
        ("Interests", 91.2),
        ("Work styles", 100.0),
        ("Work values", 100.0),
    ]
    assert top.wage.annual_median == 61_000
    assert (
        top.reason.text == "You and this job both lean strongly to Realistic work (100 % and 85 %)."
    )
    # Artistic, 50 % against 40 %, is close: no real gap, so no "but".
    assert top.caveat is None
    service = next(row for row in view.rows if row.code == "43-4051.00")
    assert service.wage is None
    assert service.components[2].score is None
    assert not view.catalog_changed
    assert not view.reweighted


def test_other_weights_change_the_top_career(result):
    by_interest = results.build_results(result, results.Filters(weights=Weights(100, 0, 0)))
    by_style = results.build_results(result, results.Filters(weights=Weights(0, 100, 0)))
    assert titles(by_interest)[0] == "Carpenters"
    assert by_interest.rows[0].fit == by_interest.rows[0].components[0].score == 99.3
    assert by_interest.reweighted
    assert by_interest.weight_shares == [("Interests", 100), ("Work styles", 0), ("Work values", 0)]
    # Nurses and Electricians both score 100 on work styles: ties go by code.
    assert titles(by_style)[:2] == ["Registered Nurses", "Electricians"]
    # The stored result itself is untouched.
    result.refresh_from_db()
    assert result.weights == {"interests": 0.5, "work_styles": 0.3, "work_values": 0.2}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (results.Filters(zones=frozenset({3})), ["Electricians", "Registered Nurses"]),
        (
            results.Filters(zones=frozenset({2, 5})),
            ["Customer Service Representatives", "Carpenters", "Medical Scientists"],
        ),
        # Registered Nurses' median is top-coded: at least $239,200, so it stays.
        (
            results.Filters(min_wage=60_000),
            ["Electricians", "Registered Nurses", "Medical Scientists"],
        ),
        (results.Filters(min_wage=150_000), ["Registered Nurses"]),
        # Holland: the first letter, like the career browser.
        (results.Filters(holland="I"), ["Medical Scientists"]),
        (results.Filters(holland="R"), ["Electricians", "Carpenters"]),
        (results.Filters(q="NURSE"), ["Registered Nurses"]),
        (results.Filters(q="zzz"), []),
    ],
)
def test_filters_narrow_the_list(result, filters, expected):
    view = results.build_results(result, filters)
    assert titles(view) == expected
    assert view.total == len(expected)
    assert view.scored == 5


def test_a_state_shows_its_own_wages_and_filters_on_them(result):
    areas = results.wage_areas()
    assert [area.title for area in areas] == ["Texas", "Puerto Rico"]

    view = results.build_results(result, results.Filters(state="48"), areas=areas)
    assert view.state.title == "Texas"
    wages = {row.title: row.wage for row in view.rows}
    assert wages["Electricians"].annual_median == 58_000
    assert wages["Electricians"].employment == 321
    assert wages["Registered Nurses"] is None

    richer = results.build_results(
        result, results.Filters(state="48", min_wage=55_000), areas=areas
    )
    assert titles(richer) == ["Electricians", "Medical Scientists"]


def test_pages_hold_twenty_five_careers(db):
    make_scored_catalog(extra=55)
    result = finished_assessment().results.get()

    first = results.build_results(result, results.Filters())
    assert (len(first.rows), first.total, first.pages, first.has_more) == (25, 60, 3, True)
    # Every row on the page is explained, and every reason given is borne out by its numbers.
    assert any(row.reason for row in first.rows)
    for row in first.rows:
        for reason, wanted in ((row.reason, "fits"), (row.caveat, "but")):
            if reason is not None:
                assert reasons.kind(reason.trait.domain, reason.yours, reason.job) == wanted

    second = results.build_results(result, results.Filters(page=2), cumulative=False)
    assert [row.rank for row in second.rows] == list(range(26, 51))
    assert (
        second.rows[0].code == results.build_results(result, results.Filters(page=2)).rows[25].code
    )
    assert second.next_page == 3

    # A full page shows every row up to the page asked for; past the end means the last.
    everything = results.build_results(result, results.Filters(page=99))
    assert (len(everything.rows), everything.page, everything.has_more) == (60, 3, False)


def test_a_career_removed_from_the_catalog_is_left_out(result):
    Occupation.objects.filter(code="47-2031.00").delete()
    catalog_changed()
    view = results.build_results(result, results.Filters())
    assert "Carpenters" not in titles(view)
    assert view.total == 4
    assert view.catalog_changed


@pytest.mark.parametrize("extra", [0, 40])
def test_the_query_count_does_not_grow_with_the_catalog(db, django_assert_num_queries, extra):
    make_scored_catalog(extra=extra)
    result = finished_assessment().results.get()
    areas = results.wage_areas()
    national, texas = results.Filters(), results.Filters(state="48", min_wage=1)
    # The first read per catalog stamp and state also reads occupations, wages and outlooks;
    # the first per stamp the AI exposure scores.
    for filters, count in ((national, 5), (texas, 4)):
        with django_assert_num_queries(count):
            results.build_results(result, filters, areas=areas)
    for filters in (national, texas):
        # The catalog stamp only: it is also the matrix cache's version check, and occupations,
        # wages and outlooks are read once per stamp and state.
        with django_assert_num_queries(1):
            view = results.build_results(result, filters, areas=areas)
        assert view.total == (5 + extra if not filters.state else 3 + extra)


def test_your_profile_sorts_styles_and_values_and_draws_interests(result):
    profile = results.your_profile(result)
    assert profile.holland_code == "RAI"
    assert profile.holland_types == [("R", "Realistic"), ("A", "Artistic"), ("I", "Investigative")]
    assert [bar.name for bar in profile.work_styles] == ["Dependability", "Stress Tolerance"]
    assert [(bar.name, bar.percentage) for bar in profile.work_values] == [
        ("Achievement", 100.0),
        ("Independence", 25.0),
    ]
    chart = profile.interest_chart
    assert chart.summary == "Realistic 100%, Investigative 0%, Artistic 50%"
    assert all(bar.highlight for bar in chart.bars)


def test_occupation_fit_gives_the_score_and_the_traits_side_by_side(result):
    fit = results.occupation_fit(result.assessment.token, "47-2031.00")

    assert fit.fit == 27.1
    assert (fit.rank, fit.scored) == (4, 5)
    assert [c.score for c in fit.components] == [99.3, 18.2, 5.8]
    interests, styles, values = fit.comparisons
    assert interests.label == "Interests"
    assert [(t.name, t.yours, t.job) for t in interests.traits] == [
        ("Realistic", 100.0, 90.0),
        ("Investigative", 0.0, 10.0),
        ("Artistic", 50.0, 40.0),
    ]
    # What the job asks for most comes first.
    assert [t.name for t in styles.traits] == ["Dependability", "Stress Tolerance"]
    assert values.traits[0].job == 60.0
    assert fit.raised
    assert fit.lowered[0].trait.name == "Stress Tolerance"


def test_occupation_fit_needs_a_finished_assessments_result(db):
    make_scored_catalog()
    assert results.occupation_fit(None, "47-2031.00") is None
    assert results.occupation_fit("not a token!", "47-2031.00") is None
    assert results.occupation_fit("x" * 32, "47-2031.00") is None


def test_a_career_newer_than_the_result_has_no_fit_but_is_compared(result):
    newer = Occupation.objects.create(code="47-2061.00", soc_code="47-2061", title="Laborers")
    make_wage("47-2061", area=make_area(Area.Type.NATION))
    catalog_changed()
    fit = results.occupation_fit(result.assessment.token, newer.code)
    assert fit.fit is None
    assert fit.rank is None
    assert all(c.score is None for c in fit.components)
    assert fit.comparisons[0].traits[0].job is None


def test_a_finished_assessments_quiz_reads_the_same_from_its_answers(
    result, django_assert_num_queries
):
    assessment = result.assessment
    with django_assert_num_queries(1):
        answered = queries.answered_quiz(assessment)
    assert answered.pages == queries.quiz_for(assessment).pages
    assert answered.quality() == queries.quiz_for(assessment).quality()


def test_rows_show_the_job_outlook_and_can_be_filtered_and_sorted_by_it(result):
    from occupations.outlook import Label
    from tests.occupations.projections_data import make_projection, make_total

    make_total("3.1")
    make_projection("47-2031", "4.0", openings="80.0")  # Carpenters: as fast as average
    make_projection("47-2111", "9.5", openings="70.0")  # Electricians: much faster
    make_projection("43-4051", "-5.5", openings="341.7")  # Customer service: declining

    view = results.build_results(result, results.Filters())
    outlooks = {row.title: row.outlook for row in view.rows}
    assert outlooks["Electricians"].label == Label.MUCH_FASTER
    assert outlooks["Customer Service Representatives"].label == Label.DECLINING
    assert outlooks["Registered Nurses"] is None

    growing = results.build_results(result, results.Filters(outlook=Label.AVERAGE))
    assert sorted(titles(growing)) == ["Carpenters", "Electricians"]
    by_openings = results.build_results(result, results.Filters(sort="openings"))
    assert titles(by_openings)[:3] == [
        "Customer Service Representatives",
        "Carpenters",
        "Electricians",
    ]
    by_growth = results.build_results(result, results.Filters(sort="growth"))
    assert titles(by_growth)[:2] == ["Electricians", "Carpenters"]


def test_after_a_catalog_change_saved_fits_stay_and_other_weights_use_todays_catalog(db):
    occupations = make_scored_catalog()
    result = finished_assessment().results.get()
    saved = results.build_results(result, results.Filters())
    gone = occupations[0]
    gone.delete()
    Occupation.objects.create(code="53-3032.00", title="Heavy Truck Drivers")
    catalog_changed()
    result = Result.objects.get(pk=result.pk)

    kept = results.build_results(result, results.Filters())
    assert kept.catalog_changed
    assert gone.code not in [row.code for row in kept.rows]
    # What the person saw stays: the same FIT for every career still in the catalog.
    before = {row.code: row.fit for row in saved.rows}
    assert all(row.fit == before[row.code] for row in kept.rows)
    assert "53-3032.00" not in [row.code for row in kept.rows]  # not scored then

    reweighted = results.build_results(result, results.Filters(weights=Weights(1, 0, 0)))
    assert reweighted.reweighted
    assert [row.fit for row in reweighted.rows] == [
        row.components[0].score for row in reweighted.rows
    ]


def test_ai_exposure_filters_and_sorts_the_results(result):
    AiExposure.objects.bulk_create(
        AiExposure(
            code=code,
            title=code,
            human_alpha=beta,
            human_beta=beta,
            human_gamma=beta,
            model_alpha=beta,
            model_beta=beta,
            model_gamma=beta,
        )
        for code, beta in (
            ("47-2111.00", "0.1000"),
            ("29-1141.00", "0.2549"),
            ("19-1042.00", "0.6"),
        )
    )
    catalog_changed()  # a new stamp, as an import's data release gives

    def shown(**filters):
        view = results.build_results(result, results.Filters(**filters))
        return [(row.title, row.ai_score) for row in view.rows]

    assert shown(sort="ai_low") == [
        ("Electricians", 10),
        ("Registered Nurses", 25),  # 25.49 shows as 25
        ("Medical Scientists", 60),
        ("Customer Service Representatives", None),  # no score: last, in FIT order
        ("Carpenters", None),
    ]
    assert [title for title, _ in shown(sort="ai_high")][:3] == [
        "Medical Scientists",
        "Registered Nurses",
        "Electricians",
    ]
    assert shown(ai=25) == [("Electricians", 10), ("Registered Nurses", 25)]


def test_rows_are_made_only_when_read_and_their_careers_are_known_before(result):
    view = results.build_results(result, results.Filters())
    assert view.rows._rows is None
    # What a page needs around rows that come from the cache: how many, which, and the columns.
    assert len(view.rows) == 5
    assert view.rows.codes[:2] == ["47-2111.00", "29-1141.00"]
    assert view.component_labels == ("Interests", "Work styles", "Work values")
    assert view.compare_query.startswith("c=47-2111.00&c=29-1141.00")
    with pytest.raises(TypeError):
        view.rows["0"]  # as a template's rows.0 first tries
    assert view.rows._rows is None
    assert [row.code for row in view.rows] == view.rows.codes
    assert [row.title for row in view.rows[:2]] == ["Electricians", "Registered Nurses"]


def test_a_kept_ranking_is_shared_and_cannot_be_changed_in_place(result):
    stored, weights = snapshot.stored_weights(result.weights), Weights(3, 1, 1)
    version, _newest = catalog_versions()
    _today, standing = results._ranked_today(result, stored, weights, version)
    assert results._ranked_today(result, stored, weights, version)[1] is standing
    with pytest.raises(ValueError, match="read-only"):
        standing.fit[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        standing.order.sort()
    # Pages read from it as from a fresh one.
    again = results.build_results(result, results.Filters(weights=weights))
    assert [row.fit for row in again.rows] == sorted((row.fit for row in again.rows), reverse=True)


def test_the_latest_result_comes_with_the_catalogs_versions_of_that_moment(result):
    token = result.assessment.token
    found = results.latest_result(token)
    assert results.versions_read_with(found) == catalog_versions()
    catalog_changed()
    assert results.versions_read_with(found) != catalog_versions()  # read then, not now
    assert results.versions_read_with(results.latest_result(token)) == catalog_versions()
    # A result read another way has its versions read when asked.
    assert results.versions_read_with(Result.objects.get(pk=result.pk)) == catalog_versions()
