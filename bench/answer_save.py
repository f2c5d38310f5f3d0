"""Benchmark the autosave request: one htmx answer POST, end to end through Django.

    python bench/answer_save.py [-n 500] [--memory]

It creates a throwaway database, loads the real item bank, starts a full-form assessment and
posts N answers through Django's test Client with the HX-Request header, as the quiz page does.
Items and values cycle so that every post inserts or changes a row. It prints the median and
95th percentile time per request, then drops the database.

- SQLite (the default): a database file in a temporary folder; --memory uses an in-memory one.
- PostgreSQL (DATABASE_URL=postgres://…): a database named by BENCH_DATABASE_NAME (default
  careerfit_bench), created and dropped by the script, so it never touches another database.

Not a test: the figures depend on the machine and on what else is running.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=500)
    parser.add_argument("--memory", action="store_true", help="in-memory SQLite")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment
    from django.urls import reverse

    from assessments import queries, services

    setup_test_environment(debug=False)
    folder = tempfile.TemporaryDirectory()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = None if args.memory else str(Path(folder.name) / "bench.sqlite3")
        where = "SQLite in memory" if args.memory else "SQLite file"
    else:
        test_settings["NAME"] = os.environ.get("BENCH_DATABASE_NAME", "careerfit_bench")
        where = f"{connection.vendor} database {test_settings['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_questionnaire", stdout=io.StringIO())
        questionnaire = queries.questionnaire_current()
        client = Client()
        headers = {"HX-Request": "true"}

        def post(assessment: object, key: str, value: int) -> float:
            url = reverse("assessments:answer", args=[assessment.token])
            started = time.perf_counter()
            response = client.post(url, {"item": key, "value": str(value)}, headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"Unexpected {response.status_code}: {response.content[:200]!r}")
            return elapsed * 1000

        warm_up = services.assessment_start(questionnaire=questionnaire, form="full")
        keys = list(warm_up.form_items().values_list("key", flat=True))
        for index in range(20):
            post(warm_up, keys[index], 3)

        assessment = services.assessment_start(questionnaire=questionnaire, form="full")
        timings = []
        for index in range(args.requests):
            # Each pass over the items shifts the values, so a repeated item always changes.
            value = (index + index // len(keys)) % 5 + 1
            timings.append(post(assessment, keys[index % len(keys)], value))
        stored = assessment.answers.count()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        folder.cleanup()

    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(f"answer save (htmx POST, {where}), {len(timings)} requests, {stored} answers stored")
    print(
        f"median {statistics.median(timings):.2f} ms  p95 {p95:.2f} ms  "
        f"mean {statistics.fmean(timings):.2f} ms  min {timings[0]:.2f} ms  "
        f"max {timings[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
