from __future__ import annotations

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import Result
from assessments.scoring import Weights
from occupations.models import CatalogVersion
from occupations.services import catalog_changed
from tests.assessments.factories import make_assessment, make_questionnaire
from tests.factories import make_occupation, make_rating

pytestmark = pytest.mark.django_db


def make_catalog() -> None:
    for code, title, realistic, investigative in (
        ("47-2031.00", "Carpenters", 90, 10),
        ("19-1042.00", "Medical Scientists", 10, 90),
    ):
        occupation = make_occupation(code, title)
        make_rating(occupation, "1.B.1.a", "OI", percentage=realistic)
        make_rating(occupation, "1.B.1.b", "OI", percentage=investigative)
        make_rating(occupation, "1.C.5.a", "IM", percentage=80)


def finished_assessment(realistic: int = 5, investigative: int = 1, *, questionnaire=None):
    assessment = make_assessment(questionnaire or make_questionnaire(), form="full")
    values = {}
    for item in assessment.form_items():
        if item.key.startswith("T-R"):
            values[item.key] = realistic
        elif item.key.startswith("T-I"):
            values[item.key] = investigative
        else:
            values[item.key] = 4 if item.keyed == "+" else 2
    services.answers_save(assessment=assessment, values=values)
    return services.assessment_finish(assessment=assessment)


def test_finishing_stores_a_scored_snapshot():
    make_catalog()
    assessment = finished_assessment()

    result = assessment.results.get()

    assert result.codes == ("19-1042.00", "47-2031.00")
    carpenters, scientists = result.fit[1], result.fit[0]
    assert carpenters > scientists
    assert result.holland_code == "RI"
    assert result.weights == {"interests": 0.5, "work_styles": 0.3, "work_values": 0.2}
    assert result.questionnaire_version == "t1"
    assert {row["element_id"]: row["percentage"] for row in result.profile} == {
        "1.B.1.a": 100.0,
        "1.B.1.b": 0.0,
        "1.C.5.a": 75.0,
    }
    assert result.top == [["47-2031.00", carpenters], ["19-1042.00", scientists]]


def test_a_result_is_stored_small_and_reads_back_the_same():
    make_catalog()
    result = finished_assessment().results.get()
    again = Result.objects.get(pk=result.pk)

    assert again.codes == result.codes
    assert again.fit.tolist() == result.fit.tolist()
    # Two FITs packed: a few bytes, where JSON lists of a thousand numbers took kilobytes.
    assert len(bytes(again.fit_packed)) < 20


def test_results_of_one_catalog_share_one_code_list():
    make_catalog()
    questionnaire = make_questionnaire()
    first = finished_assessment(questionnaire=questionnaire).results.get()
    second = finished_assessment(questionnaire=questionnaire).results.get()
    assert first.career_codes_id == second.career_codes_id


def test_finishing_twice_does_not_score_twice():
    make_catalog()
    assessment = finished_assessment()
    services.assessment_finish(assessment=assessment)
    assert Result.objects.count() == 1


def test_rescoring_makes_a_new_snapshot_with_the_current_catalog():
    make_catalog()
    assessment = finished_assessment()
    first = assessment.results.get()
    make_occupation("47-2111.00", "Electricians")
    catalog_changed()

    second = services.result_create(assessment=assessment, weights=Weights(1, 0, 0))

    assert second.pk != first.pk
    assert len(second.codes) == 3
    assert second.catalog_version == CatalogVersion.current()
    assert second.weights["interests"] == 1.0
    assert np.isnan(second.fit).any()  # no ratings yet for the new occupation
    first.refresh_from_db()
    assert len(first.codes) == 2


def test_an_unfinished_assessment_cannot_be_scored():
    assessment = make_assessment()
    with pytest.raises(ValidationError, match="Finish the assessment"):
        services.result_create(assessment=assessment)


def test_an_empty_catalog_still_gives_the_users_profile():
    assessment = finished_assessment()
    result = assessment.results.get()
    assert result.codes == ()
    assert result.fit.size == 0
    assert result.top == []
    assert result.holland_code == "RI"
