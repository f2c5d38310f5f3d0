"""The site's URLs and two more, only in the benchmark: a bare view through the same stack, and
the least an answer save can do on it (what bench/load.py compares the real one with)."""

from __future__ import annotations

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone

from careerfit.urls import handler400  # noqa: F401
from careerfit.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def answer_floor(request: HttpRequest, token: str) -> HttpResponse:
    """The same POST (CSRF checked) and the same four statements as an answer save, in raw SQL,
    without a form, the ORM or a template: no answer save on this stack can be faster."""
    item, value = int(request.POST["item"]), int(request.POST["value"])
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM assessments_assessment WHERE token = %s", [token])
        (assessment,) = cursor.fetchone()
        with transaction.atomic():
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
            cursor.execute(
                "UPDATE assessments_assessment SET updated = %s WHERE id = %s "
                "AND finished_at IS NULL RETURNING (SELECT COUNT(*) FROM assessments_answer "
                "WHERE assessment_id = %s)",
                [now, assessment, assessment],
            )
            (answered,) = cursor.fetchone()
            cursor.execute(
                "INSERT INTO assessments_answer (assessment_id, item_id, value, answered_at) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (assessment_id, item_id) DO UPDATE SET "
                "value = excluded.value, answered_at = excluded.answered_at "
                "WHERE assessments_answer.value <> excluded.value",
                [assessment, item, value, now],
            )
    return HttpResponse(f"{answered}", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/answer-floor/<str:token>/", answer_floor),
    *site,
]
