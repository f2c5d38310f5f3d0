"""Roster benchmark: a counselor's group page (roster + summary) and its CSV at 10, 200 and 1,000
members, each member with a finished, shared result.

    python bench/roster.py [--repeat 7] [--postgres URL]

Runs in the load benchmark's PostgreSQL database (careerfit_load, imported on first use) with
DEBUG=0, through Django's request handler in this process: the figures are server time, without
the network. Members and their results are made once (through the services, from random answers)
and kept; later runs reuse them. For each size it prints the median and p95 time of the group
page, of the CSV's first byte and of the whole CSV, the number of SQL queries of each, and the
stored size of one Result in PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.load import DATABASE, prepare
from bench.server import maintenance_url, product_env

SIZES = (10, 200, 1000)
GROUP_NAME = "Bench roster {size}"


def make_members(size: int, counselor, questionnaire, items: list[str]) -> object:
    from django.contrib.auth import get_user_model

    from assessments import counseling, services
    from assessments.models import CounselingGroup

    name = GROUP_NAME.format(size=size)
    group = CounselingGroup.objects.filter(counselor=counselor, name=name).first()
    if group is not None and group.memberships.count() == size:
        return group
    if group is not None:
        group.delete()
    group = counseling.group_create(counselor=counselor, name=name)
    users = get_user_model().objects
    chance = random.Random(size)
    started = time.perf_counter()
    for n in range(size):
        email = f"member{n}-of-{size}@bench.example"
        users.filter(email=email).delete()
        user = users.create_user(username=email, email=email, first_name=f"Member {n:04d}")
        assessment = services.assessment_start(questionnaire=questionnaire, form="full", user=user)
        items = items or list(assessment.form_items().values_list("key", flat=True))
        services.answers_save(
            assessment=assessment, values={key: chance.randint(1, 5) for key in items}
        )
        services.assessment_finish(assessment=assessment)
        counseling.consent_give(group=group, user=user, share_all=True)
        if n % 100 == 99:
            print(f"  {size} members: {n + 1} made ({time.perf_counter() - started:.0f} s)")
    return group


def timed(repeat: int, run) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default=DATABASE, help="the load benchmark's, kept")
    args = parser.parse_args()

    os.environ.update(product_env(args.postgres, args.database, ALLOWED_HOSTS="testserver"))
    prepare(dict(os.environ), maintenance_url(args.postgres), fresh=False, database=args.database)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from assessments import queries
    from assessments.models import COUNSELORS_GROUP, Result

    counselor, _ = get_user_model().objects.get_or_create(
        username="counselor@bench.example", defaults={"email": "counselor@bench.example"}
    )
    counselor.groups.add(Group.objects.get(name=COUNSELORS_GROUP))
    questionnaire = queries.questionnaire_current()
    items: list[str] = []
    print("making members when missing (about a minute the first time)…", flush=True)
    groups = {size: make_members(size, counselor, questionnaire, items) for size in SIZES}

    client = Client()
    client.force_login(counselor)
    print(
        f"\nroster, summary and CSV (server time in ms, median and p95 of {args.repeat}; "
        "PostgreSQL, DEBUG=0)"
    )
    print(
        f"{'members':>7} {'page p50':>9} {'p95':>7} {'q':>3} {'CSV 1st byte':>13} {'p95':>7}"
        f" {'CSV all':>8} {'p95':>7} {'q':>3} {'KB':>6}"
    )
    for size, group in groups.items():
        page_url = reverse("assessments:counselor_group", args=[group.pk])
        csv_url = reverse("assessments:roster_csv", args=[group.pk])

        def page(url: str = page_url) -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        first: list[float] = []
        sizes: list[int] = []

        def csv(
            url: str = csv_url,
            first: list[float] = first,
            sizes: list[int] = sizes,
            size: int = size,
        ) -> None:
            started = time.perf_counter()
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            chunks = iter(response.streaming_content if response.streaming else [response.content])
            body = next(chunks)
            first.append((time.perf_counter() - started) * 1000)
            body += b"".join(chunks)
            assert body.count(b"\n") >= size, "a line per member and a header"
            sizes.append(len(body))
            response.close()

        page()  # warm: templates, the catalog caches
        page_times, page_queries = timed(args.repeat, page)
        csv_times, csv_queries = timed(args.repeat, csv)
        csv_bytes = sizes[-1] / 1024
        print(
            f"{size:>7} {statistics.median(page_times):>9.1f} {_p95(page_times):>7.1f}"
            f" {page_queries:>3} {statistics.median(first):>13.1f} {_p95(first):>7.1f}"
            f" {statistics.median(csv_times):>8.1f} {_p95(csv_times):>7.1f} {csv_queries:>3}"
            f" {csv_bytes:>6.0f}"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT avg(pg_column_size(r.*)), max(pg_column_size(r.*)) "
            f"FROM {Result._meta.db_table} r"
        )
        average, largest = cursor.fetchone()
    print(f"stored Result in PostgreSQL: {float(average):.0f} bytes on average, {largest} at most")


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


if __name__ == "__main__":
    main()
