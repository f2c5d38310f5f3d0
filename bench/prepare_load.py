"""Run through `manage.py shell`: assessments for bench/load.py; prints their tokens as JSON."""

from __future__ import annotations

import json

from assessments import queries, services
from assessments.models import Assessment

questionnaire = queries.questionnaire_current()
# Only anonymous ones: bench/roster.py keeps its members' assessments between runs.
Assessment.objects.filter(user__isnull=True).delete()
open_ones = []
# One per simulated quiz taker of bench/load.py's class run.
for _ in range(200):
    assessment = services.assessment_start(questionnaire=questionnaire, form="full")
    open_ones.append(assessment.token)
items = list(assessment.form_items().values_list("key", flat=True))
finished = services.assessment_start(questionnaire=questionnaire, form="full")
services.answers_save(
    assessment=finished, values={key: (n * 7) % 5 + 1 for n, key in enumerate(items)}
)
services.assessment_finish(assessment=finished)
item_ids = list(assessment.form_items().values_list("pk", flat=True))
print(
    json.dumps(
        {"open": open_ones, "items": items, "item_ids": item_ids, "finished": finished.token}
    )
)
