"""Many people answering at once, against a real server process and its own database.

`manage.py runserver` (what `make run` serves) handles each request in a thread, so people who
click quickly share one database at the same moment. On SQLite a write transaction that began
as a read used to fail with "database is locked" instead of waiting its turn (fixed in
a91b712: IMMEDIATE transactions, WAL journal). The Django test client cannot show this: it
runs one request at a time inside the test's own transaction. So these tests start the server
in a subprocess on a fresh database of the kind the suite runs on (PostgreSQL when
DATABASE_URL is a postgres URL, else SQLite), drive it over loopback HTTP from 16 threads, and
then read the server's database directly.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest

from tests.live_server import Browser, Server, fresh_database, live_server

PEOPLE = 16
# One person takes the full form, so answers of both forms interleave; the rest take the short
# form, which keeps the clicking to about half a minute on two busy cores.
FULL_FORM = {0}
# Above the server's 20 s SQLite busy timeout: a request stuck waiting for the lock then shows
# up as the server's own answer rather than as our timeout.
REQUEST_TIMEOUT = 30
DEADLINE = 120
# Enough to show a regression; going on would only spend minutes rendering debug pages.
GIVE_UP_AFTER_SERVER_ERRORS = 100
POINTS = 5

ITEM_IN_PAGE = re.compile(r'hx-vals=\'\{"item": "([^"]+)"')
PAGE_OF = re.compile(r"Page 1 of (\d+)")
PAGE_URL = re.compile(r"/assessment/([^/]+)/page/1/")


@pytest.fixture(scope="module")
def server():
    with fresh_database(os.environ.get("DATABASE_URL", "")) as database:
        database.manage("migrate", "--noinput")
        # The item bank brings its own descriptors when the catalog has none, so the empty
        # database needs nothing else.
        database.manage("load_questionnaire")
        with live_server(database) as running:
            yield running


@dataclass
class Person:
    number: int
    form: str
    browser: Browser
    token: str = ""
    # What the server acknowledged (2xx), last value per item, in the order it was sent.
    acknowledged: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    not_saved_fragments: int = 0
    finished: bool = False
    error: BaseException | None = None


@dataclass
class Run:
    """What all the people share: one moment to start, one deadline, one count of 5xx."""

    start_together: threading.Barrier
    deadline: float
    server_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    given_up: threading.Event = field(default_factory=threading.Event)

    def over(self) -> bool:
        return self.given_up.is_set() or time.monotonic() > self.deadline

    def server_error(self) -> None:
        with self.lock:
            self.server_errors += 1
            if self.server_errors >= GIVE_UP_AFTER_SERVER_ERRORS:
                self.given_up.set()


def take_quiz(person: Person, run: Run) -> None:
    try:
        run.start_together.wait(timeout=30)
        _take_quiz(person, run)
    except BaseException as error:  # reported by the test, which is in another thread
        person.error = error


def _take_quiz(person: Person, run: Run) -> None:
    browser = person.browser
    # Each person changes their mind differently, but the same way on every run.
    rng = random.Random(person.number)
    start = browser.get("/assessment/start/", kind="start")
    assert start.status == 200, f"start page: {start.status}"
    first = browser.post(
        "/assessment/start/",
        {"csrfmiddlewaretoken": browser.page_csrf_token(start.body), "form": person.form},
        kind="start",
    )
    started = PAGE_URL.search(first.url)
    assert first.status == 200, f"start: {first.status} at {first.url}"
    assert started, f"start led to {first.url}, not to page 1"
    person.token = started.group(1)
    pages = int(PAGE_OF.search(first.body).group(1))
    answer_url = f"/assessment/{person.token}/answer/"
    page = first
    for number in range(1, pages + 1):
        if number > 1:
            page = browser.get(f"/assessment/{person.token}/page/{number}/", kind="page")
            if page.status != 200:
                continue
        # Like htmx, which sends the token from <body hx-headers> with every request.
        headers = {"HX-Request": "true", "X-CSRFToken": browser.page_csrf_token(page.body)}
        for key, value in _clicks(list(dict.fromkeys(ITEM_IN_PAGE.findall(page.body))), rng):
            if run.over():
                return
            person.sent += 1
            saved = browser.post(
                answer_url,
                {"item": key, "value": str(value)},
                kind="answer",
                headers=headers,
                follow=False,
            )
            if 200 <= saved.status < 300:
                person.acknowledged[key] = value
                if "Saved:" not in saved.body:
                    person.not_saved_fragments += 1
            elif saved.status >= 500:
                run.server_error()
    person.finished = True


def _clicks(keys: list[str], rng: random.Random) -> list[tuple[str, int]]:
    """Every item once; about one in ten again at once (a slip of the mouse), and about one in
    ten once more after the rest of the page (a second thought), each time with another value."""
    clicks: list[tuple[str, int]] = []
    last: dict[str, int] = {}

    def click(key: str) -> None:
        value = rng.choice([v for v in range(1, POINTS + 1) if v != last.get(key)])
        last[key] = value
        clicks.append((key, value))

    for key in keys:
        click(key)
        if rng.random() < 1 / 10:
            click(key)
    for key in keys:
        if rng.random() < 1 / 10:
            click(key)
    return clicks


def _stored(server: Server) -> tuple[dict[str, str], dict[str, int], list[tuple[str, str, int]]]:
    """Straight from the server's database: assessments (token → form), form sizes, answers."""
    connection = server.database.connect()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT token, form FROM assessments_assessment")
        forms = dict(cursor.fetchall())
        cursor.execute("SELECT in_short_form, COUNT(*) FROM assessments_item GROUP BY 1")
        by_short = {bool(short): count for short, count in cursor.fetchall()}
        sizes = {"short": by_short.get(True, 0), "full": sum(by_short.values())}
        cursor.execute(
            "SELECT a.token, i.key, ans.value FROM assessments_answer ans"
            " JOIN assessments_assessment a ON a.id = ans.assessment_id"
            " JOIN assessments_item i ON i.id = ans.item_id"
        )
        answers = [(token, key, value) for token, key, value in cursor.fetchall()]
    finally:
        connection.close()
    return forms, sizes, answers


def test_quick_clicks_from_many_people_are_all_saved_once(server):
    people = [
        Person(
            number=number,
            form="full" if number in FULL_FORM else "short",
            browser=Browser(server.url, timeout=REQUEST_TIMEOUT),
        )
        for number in range(PEOPLE)
    ]
    began = time.monotonic()
    run = Run(start_together=threading.Barrier(PEOPLE), deadline=began + DEADLINE)
    threads = [
        threading.Thread(target=take_quiz, args=(person, run), daemon=True) for person in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, run.deadline + REQUEST_TIMEOUT - time.monotonic()))
    elapsed = time.monotonic() - began

    statuses: Counter[int] = Counter()
    by_kind: Counter[tuple[str, int]] = Counter()
    for person in people:
        by_kind.update(person.browser.statuses)
        for (_, status), count in person.browser.statuses.items():
            statuses[status] += count
    sent = sum(person.sent for person in people)
    saved = sum(person.browser.statuses[("answer", 200)] for person in people)
    print(
        f"\n[{server.database.vendor}] {PEOPLE} clients, {sent} answer posts, {saved} saved (200),"
        f" statuses {dict(sorted(statuses.items()))},"
        f" answers {dict(sorted((s, n) for (k, s), n in by_kind.items() if k == 'answer'))},"
        f" {elapsed:.1f} s"
    )

    forms, sizes, answers = _stored(server)
    problems: list[str] = []
    if any(thread.is_alive() for thread in threads):
        problems.append(f"clients still running after {DEADLINE} s")
    if run.given_up.is_set():
        problems.append(f"all clients stopped after {run.server_errors} server errors")
    failed = [problem for person in people for problem in person.browser.problems]
    for label, wanted in (
        ("server errors", range(500, 600)),
        ("other failures", [0, *range(400, 500)]),
    ):
        shown = [text for status, text in failed if status in wanted]
        if shown:
            problems.append(f"{len(shown)} {label}, e.g. " + "; ".join(shown[:3]))
    unfinished = [person.number for person in people if not person.finished]
    if unfinished:
        problems.append(f"clients {unfinished} did not get to the end of the quiz")

    rows: dict[str, Counter[str]] = defaultdict(Counter)
    values: dict[str, dict[str, int]] = defaultdict(dict)
    for token, key, value in answers:
        rows[token][key] += 1
        values[token][key] = value
    tokens = {person.token for person in people}
    if set(forms) - tokens:
        problems.append(f"{len(set(forms) - tokens)} assessments no client started")
    for person in people:
        who = f"client {person.number} ({person.form} form)"
        if person.error is not None:
            problems.append(f"{who} stopped: {person.error!r}")
            continue
        if person.not_saved_fragments:
            problems.append(f"{who}: {person.not_saved_fragments} 2xx answers without 'Saved:'")
        if person.finished and len(person.acknowledged) != sizes[person.form]:
            # Also guards the test itself: finding no items on a page would pass vacuously.
            problems.append(
                f"{who}: {len(person.acknowledged)} items acknowledged of {sizes[person.form]}"
            )
        twice = [key for key, count in rows[person.token].items() if count > 1]
        if twice:
            problems.append(f"{who}: more than one row for {twice[:5]}")
        wrong = {
            key: (values[person.token].get(key), value)
            for key, value in person.acknowledged.items()
            if values[person.token].get(key) != value
        }
        if wrong:
            problems.append(
                f"{who}: {len(wrong)} items stored ≠ last acknowledged, e.g. "
                + ", ".join(f"{k} {s}≠{a}" for k, (s, a) in list(wrong.items())[:5])
            )
        unacknowledged = set(values[person.token]) - set(person.acknowledged)
        if unacknowledged:
            problems.append(f"{who}: rows never acknowledged: {sorted(unacknowledged)[:5]}")
    assert not problems, "\n".join(problems) + "\n--- server log ---\n" + server.log_tail(30)


def test_readers_do_not_wait_behind_a_long_writer_on_sqlite(server):
    """An import holds SQLite's write lock for seconds; pages that only read go on meanwhile.

    BEGIN EXCLUSIVE stands in for a long import: without WAL it shuts every reader out until
    it commits; with WAL readers keep seeing the last commit.
    """
    if server.database.vendor != "sqlite":
        pytest.skip("PostgreSQL readers never wait for writers")
    hold = 4.0
    browser = Browser(server.url, timeout=REQUEST_TIMEOUT)
    got: list[tuple[int, float]] = []
    writer = server.database.connect()
    writer.isolation_level = None
    try:
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("UPDATE assessments_questionnaire SET title = title")
        began = time.monotonic()
        reader = threading.Thread(
            target=lambda: got.append(
                (browser.get("/assessment/start/", kind="start").status, time.monotonic() - began)
            ),
            daemon=True,
        )
        reader.start()
        time.sleep(hold)
        writer.rollback()
        reader.join(timeout=REQUEST_TIMEOUT)
    finally:
        writer.close()
    assert got, "the start page did not answer"
    status, waited = got[0]
    print(f"\n[sqlite] start page during a {hold:.0f} s write: {status} in {waited:.2f} s")
    assert status == 200, browser.problems
    assert waited < hold / 2, f"the page waited {waited:.1f} s for a writer that held {hold} s"
