from __future__ import annotations

import math

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments import fit_array

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("assessments", "0005_rate_counter")]
AFTER = [("assessments", "0006_compact_results")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_results_stored_as_json_lists_keep_their_careers_when_packed():
    apps = migrate(BEFORE)
    try:
        Questionnaire = apps.get_model("assessments", "Questionnaire")
        Assessment = apps.get_model("assessments", "Assessment")
        Result = apps.get_model("assessments", "Result")
        questionnaire = Questionnaire.objects.create(
            version="m1", title="Migration", short_minutes=5, full_minutes=10
        )
        assessment = Assessment.objects.create(
            token="t" * 32, questionnaire=questionnaire, form="full"
        )
        codes = ["11-1011.00", "15-1252.00", "29-1141.00"]
        for fit in ([61.2, None, 88.4], [61.2, None, 88.4]):
            Result.objects.create(
                assessment=assessment,
                questionnaire_version="m1",
                scoring_version="s",
                codes=codes,
                fit=fit,
                squared={"interests": [1.0, None, 2.0]},
            )

        apps = migrate(AFTER)
        Result = apps.get_model("assessments", "Result")
        CareerCodes = apps.get_model("assessments", "CareerCodes")
        results = list(Result.objects.all())
        assert CareerCodes.objects.count() == 1
        for result in results:
            assert CareerCodes.objects.get(pk=result.career_codes_id).codes.split("\n") == codes
            unpacked = fit_array.unpack(result.fit_packed)
            assert unpacked[0] == 61.2
            assert unpacked[2] == 88.4
            assert math.isnan(unpacked[1])  # nothing compared
            assert result.top == [["29-1141.00", 88.4], ["11-1011.00", 61.2]]

        apps = migrate(BEFORE)
        Result = apps.get_model("assessments", "Result")
        back = Result.objects.first()
        assert back.codes == codes
        assert back.fit == [61.2, None, 88.4]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
