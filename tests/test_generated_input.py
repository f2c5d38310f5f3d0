"""Generated input for every form and htmx endpoint: whatever arrives, the site answers it.

Hypothesis sends arbitrary text (NUL bytes, unicode, whitespace, very long values), numbers out
of range, wrong types, missing, repeated and unknown fields, real and foreign item keys and
hostile `next` values to each endpoint through Django's test client. Every response must be
below 500; a 4xx must tell the person what was wrong in visible text; a redirect must stay on
the site; and after every example the database must hold only valid answers.

`pytest -s` prints the number of requests and their statuses at the end of the module.
"""

from __future__ import annotations

import json
import operator
import re
import sys
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, F
from django.http import HttpResponse
from django.test import Client, override_settings
from hypothesis import HealthCheck, Phase, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assessments import counseling, queries, services
from assessments.models import (
    POINTS,
    Answer,
    Assessment,
    CounselingGroup,
    CounselorNote,
    Item,
    Membership,
    Questionnaire,
)
from tests.assessments.account_factories import (
    PASSWORD,
    join,
    make_counselor,
    make_group,
    make_user,
    owned_result,
)
from tests.assessments.factories import make_assessment, make_questionnaire
from tests.assessments.results_factories import finished_assessment, make_scored_catalog
from tests.factories import make_descriptor

MIN_REQUESTS = 1_000

STATUSES: Counter[int] = Counter()
ENDPOINTS: Counter[str] = Counter()
RAN: set[str] = set()


def generated(max_examples: int) -> hypothesis_settings:
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        print_blob=True,
        # The explain phase re-runs a failure hundreds of times: minutes here, for little.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# What people, browsers and scripts send ------------------------------------------------------

NULS = ["\x00", "a\x00", "\x00\x00\x00", "3\x00", "\x003", "T-R-01\x00", "x@example.com\x00"]
ODD_TEXT = [
    "",
    " ",
    "   ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u2003",
    "\u200b",
    "\ufeff",
    "\u202e",
    "\u0301",
    "null",
    "None",
    "undefined",
    "true",
    "[]",
    "{}",
    "[object Object]",
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "%00",
    "%s%s%n",
    "{{ 7|add:7 }}",
    "😀",
    "ß",
    "İ",
    "ﬁ",
    "../../etc/passwd",
]
ODD_NUMBERS = [
    "0",
    "-0",
    "6",
    "-1",
    "255",
    "256",
    "1000",
    "2147483648",
    "9223372036854775808",
    "1" + "0" * 40,
    "-" + "9" * 30,
    "1e3",
    "3.0",
    "3.5",
    " 3 ",
    "+3",
    "03",
    "0003",
    "0x3",
    "1_0",
    "٣",
    "３",
    "3\u2003",
    "nan",
    "inf",
    "-inf",
]

# Any text: short and odd, generated, or long enough to pass every max_length.
LONG_TEXT = st.builds(operator.mul, st.text(min_size=1, max_size=4), st.integers(50, 6000))
TEXT = st.one_of(
    st.sampled_from(ODD_TEXT + NULS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20),
    LONG_TEXT,
)
NUMBER = st.one_of(
    st.sampled_from(ODD_NUMBERS),
    st.integers(-(10**6), 10**6).map(str),
    st.floats().map(str),
)
ANY = st.one_of(TEXT, NUMBER)
# Names of fields no form has (kept printable: the test client writes them into multipart
# headers unescaped).
UNKNOWN_NAME = st.one_of(
    st.sampled_from(["csrfmiddlewaretoken", "id", "pk", "user", "finished_at", "value[]", "_"]),
    st.text(
        alphabet=st.characters(
            min_codepoint=0x20, exclude_characters='"\\', exclude_categories=("Cs",)
        ),
        max_size=12,
    ),
)
NEXT = st.one_of(
    st.sampled_from(
        [
            "/",
            "/careers/",
            "/accounts/results/",
            "/careers/?q=nurse#top",
            "foo",
            "foo/bar",
            "./careers/",
            "../",
            "//evil.example",
            "///evil.example",
            "////evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            " //evil.example",
            "\x00//evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.domain)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "http://evil.example/",
            "https://evil.example/path?x=1",
            "http://testserver/careers/",
            "https://testserver/careers/",
            "http://testserver@evil.example/",
            "/careers/\r\nSet-Cookie: stolen=1",
            "/%0d%0aSet-Cookie:%20stolen=1",
            "/accounts/login/",
            "/" + "a" * 3000,
        ]
    ),
    TEXT,
)
ENCODING = st.sampled_from(["urlencoded", "urlencoded", "multipart", "json"])
HTMX = st.booleans()


def field_pairs(**fields: st.SearchStrategy[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Each named field absent, once or repeated (Django reads the last one), plus unknown ones."""

    def named(name: str) -> Callable[[list[str]], list[tuple[str, str]]]:
        return lambda values: [(name, value) for value in values]

    parts = [st.lists(values, max_size=3).map(named(name)) for name, values in fields.items()]
    parts.append(st.lists(st.tuples(UNKNOWN_NAME, ANY), max_size=2))
    return st.tuples(*parts).map(lambda groups: [pair for group in groups for pair in group])


def choice_or_any(valid: Sequence[str]) -> st.SearchStrategy[str]:
    """A valid choice about half of the time (so valid requests get through), else anything."""
    return st.one_of(st.sampled_from(list(valid)), ANY)


# The site the requests arrive at ------------------------------------------------------------


@dataclass
class World:
    quiz: Questionnaire  # published, the one /assessment/start/ uses
    short_keys: list[str]
    full_only_keys: list[str]
    finished: Assessment  # unclaimed, finished and scored
    seeker: User
    other: User
    owned: Assessment  # the seeker's, finished and shared with the counselor's group
    counselor: User
    group: CounselingGroup
    membership: Membership
    note: CounselorNote
    live_short: Assessment  # unclaimed, not started answering
    live_full: Assessment
    # Answers of the assessments finished when the world was built: (item id, value, time).
    frozen: dict[int, list[tuple[int, int, datetime]]]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    # The tests check passwords with the fast hasher (tests/conftest.py), which only reads
    # hashes it made; the module's users are made before that function-scoped setting applies.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast:
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> World:
    make_scored_catalog()
    finished = finished_assessment()
    seeker = make_user("seeker@example.com", name="Sam Seeker")
    owned = owned_result(seeker)
    other = make_user("other@example.com", name="Olga Other")
    counselor = make_counselor("counselor@example.com")
    group = make_group(counselor, "Tuesday class")
    membership = join(group, seeker)
    note = counseling.note_add(author=counselor, assessment=owned, text="First note.")
    # Published after the results questionnaire, so it is the current one.
    quiz = make_questionnaire("t1")
    # The draft repeats the quiz's item keys and has one of its own.
    draft = make_questionnaire("d1", published=False)
    Item.objects.create(
        questionnaire=draft,
        section=draft.sections.first(),
        key="D-ONLY-01",
        text="A statement only the draft has",
        descriptor=make_descriptor("1.B.1.a", "Realistic"),
        in_short_form=True,
        position=99,
    )
    items = list(Item.objects.filter(questionnaire=quiz))
    return World(
        quiz=quiz,
        short_keys=[item.key for item in items if item.in_short_form],
        full_only_keys=[item.key for item in items if not item.in_short_form],
        finished=finished,
        seeker=seeker,
        other=other,
        owned=owned,
        counselor=counselor,
        group=group,
        membership=membership,
        note=note,
        live_short=make_assessment(quiz, form="short"),
        live_full=make_assessment(quiz, form="full"),
        frozen={assessment.pk: _answers_of(assessment.pk) for assessment in (finished, owned)},
    )


@pytest.fixture(autouse=True)
def _generous_limits(request, settings):
    # Thousands of requests from one address must reach the views, not the rate limits; a 429
    # that still gets through is accepted as a refusal with a message.
    limits = getattr(settings, "RATE_LIMITS", None)
    if limits:
        settings.RATE_LIMITS = {name: (10**9, window) for name, (_, window) in limits.items()}
    cache.clear()
    RAN.add(request.node.name)
    yield
    cache.clear()


@pytest.fixture(scope="module", autouse=True)
def _summary():
    yield
    endpoints = ", ".join(f"{name} {count}" for name, count in sorted(ENDPOINTS.items()))
    sys.__stdout__.write(
        f"\ngenerated requests: {STATUSES.total()}; statuses: {dict(sorted(STATUSES.items()))}"
        f"\nby endpoint: {endpoints}\n"
    )
    sys.__stdout__.flush()


# Each test client loads the middleware on its first request, and WhiteNoise's takes a fifth of
# a second to scan the static files: the clients are made once and get fresh cookies instead.
_CLIENTS: dict[str, Client] = {}


class Browsers:
    """The test's browsers: logged in as the seeker, the other user, the counselor, or none."""

    def __init__(self, world: World) -> None:
        for name in ("seeker", "other", "counselor"):
            self[name].cookies.clear()
            self[name].force_login(getattr(world, name))

    def __getitem__(self, name: str) -> Client:
        return _CLIENTS.setdefault(name, Client())

    def fresh(self) -> Client:
        """A browser that has never been here: no session, no cookies."""
        anonymous = self["anonymous"]
        anonymous.cookies.clear()
        return anonymous


@pytest.fixture
def clients(world) -> Browsers:
    return Browsers(world)


# Sending one request and judging its response -------------------------------------------------

EXPLANATION_PAGES = {
    "400.html",
    "403.html",
    "404.html",
    "assessments/problem.html",
    "accounts/too_many.html",
    "accounts/invite_not_found.html",
    "accounts/membership_not_found.html",
}
MESSAGE_CLASSES = {"quiz-error", "quiz-errors", "field-error", "notice-error"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
HIDDEN_TAGS = {"head", "title", "script", "style", "template"}


class _Reader(HTMLParser):
    """Visible text of a page or fragment: all of it, in error messages, and in headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # tag, whether it holds an error message
        self.text: list[str] = []
        self.messages: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        self.open.append((tag, found.get("role") == "alert" or bool(classes & MESSAGE_CLASSES)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        words = " ".join(data.split())
        if not words or any(tag in HIDDEN_TAGS for tag, _ in self.open):
            return
        self.text.append(words)
        if any(message for _, message in self.open):
            self.messages.append(words)
        if any(tag == "h1" for tag, _ in self.open):
            self.headings.append(words)


def read(response: HttpResponse) -> _Reader:
    reader = _Reader()
    reader.feed(response.content.decode("utf-8", "replace"))
    reader.close()
    return reader


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}…({len(str(value))} chars)"


def _repro(method: str, path: str, pairs: Sequence[tuple[str, object]], how: str) -> str:
    data = ", ".join(f"{name!r}: {_shown(value)}" for name, value in pairs)
    return f"{method} {_shown(path)} [{how}] {{{data}}}"


def send(
    client: Client,
    method: str,
    path: str,
    pairs: Sequence[tuple[str, object]] = (),
    *,
    endpoint: str,
    encoding: str = "urlencoded",
    htmx: bool = False,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Send one generated request and check the rules every response follows."""
    headers = {**({"HX-Request": "true"} if htmx else {}), **(headers or {})}
    how = f"{encoding if method == 'POST' else 'query'}{', ' if headers else ''}" + ", ".join(
        f"{name}: {value}" for name, value in headers.items()
    )
    repro = _repro(method, path, pairs, how)
    if method == "GET":
        query = urlencode(pairs)
        request = {"path": f"{path}?{query}" if query else path}
    elif encoding == "urlencoded":
        request = {
            "path": path,
            "data": urlencode(pairs),
            "content_type": "application/x-www-form-urlencoded",
        }
    elif encoding == "multipart":
        data: dict[str, list[object]] = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        request = {"path": path, "data": data}
    else:
        # A JSON body: the form sees no fields at all.
        body = {name: value for name, value in pairs if isinstance(value, str)}
        request = {"path": path, "data": json.dumps(body), "content_type": "application/json"}
    ENDPOINTS[endpoint] += 1
    try:
        # A savepoint per request: a failed statement on PostgreSQL must not poison the
        # examples that follow (and Hypothesis's shrinking of this one).
        with transaction.atomic():
            response = getattr(client, method.lower())(**request, headers=headers)
    except Exception as error:
        STATUSES[500] += 1
        last = traceback.format_exception_only(error)[-1].strip()
        raise AssertionError(f"500 for {repro}\n{last}") from error
    STATUSES[response.status_code] += 1
    status = response.status_code
    assert status < 500, f"{status} for {repro}"
    if 400 <= status < 500:
        _assert_explained(response, repro)
    if 300 <= status < 400:
        _assert_stays_on_site(response, repro)
    return response


def _assert_explained(response: HttpResponse, repro: str) -> None:
    status = response.status_code
    assert response.content.strip(), f"{status} with an empty body for {repro}"
    reader = read(response)
    assert reader.text, f"{status} without visible text for {repro}"
    templates = {(template.name or "").partition("#")[0] for template in response.templates}
    # A form page must mark its error; a page that exists to explain a refusal has a heading.
    explained = bool(reader.messages) or bool(templates & EXPLANATION_PAGES and reader.headings)
    assert explained, (
        f"{status} that does not say what was wrong, for {repro}\n"
        f"templates {sorted(templates)}; visible text: {' '.join(reader.text)[:300]!r}"
    )


def _assert_stays_on_site(response: HttpResponse, repro: str) -> None:
    location = response.get("Location")
    assert location is not None, f"{response.status_code} without a Location for {repro}"
    # What a browser makes of it: tabs and newlines removed, leading controls and spaces
    # stripped, backslashes read as slashes.
    seen = re.sub(r"[\t\n\r]", "", location).lstrip("".join(map(chr, range(33))))
    seen = seen.replace("\\", "/")
    for origin in ("http://testserver/", "https://testserver/"):
        if seen.startswith(origin):
            return
    off_site = not seen.startswith("/") or seen.startswith("//")
    assert not off_site, f"redirect off the site to {location!r} for {repro}"


# What the database may hold -------------------------------------------------------------------


def _answers_of(assessment_pk: int) -> list[tuple[int, int, datetime]]:
    return list(
        Answer.objects.filter(assessment_id=assessment_pk)
        .order_by("item_id")
        .values_list("item_id", "value", "answered_at")
    )


def assert_database_valid(world: World) -> None:
    problems = {
        "values off the scale": Answer.objects.exclude(value__gte=1, value__lte=POINTS),
        "answers to items of another version": Answer.objects.exclude(
            item__questionnaire_id=F("assessment__questionnaire_id")
        ),
        "answers to items of a draft": Answer.objects.filter(item__questionnaire__published=False),
        "short-form answers to full-form items": Answer.objects.filter(
            assessment__form=Assessment.Form.SHORT, item__in_short_form=False
        ),
        "answers saved after the finish": Answer.objects.filter(
            assessment__finished_at__isnull=False, answered_at__gt=F("assessment__finished_at")
        ),
        "assessments of a draft": Assessment.objects.filter(questionnaire__published=False),
    }
    found = {name: list(rows[:3]) for name, rows in problems.items() if rows.exists()}
    duplicates = (
        Answer.objects.values("assessment_id", "item_id")
        .annotate(copies=Count("id"))
        .filter(copies__gt=1)
    )
    if duplicates.exists():
        found["several answers to one item"] = list(duplicates[:3])
    for pk, answers in world.frozen.items():
        if _answers_of(pk) != answers:
            found[f"answers of finished assessment {pk} changed"] = _answers_of(pk)
    # On SQLite a NUL or an over-long value would be stored silently.
    texts = [
        (f"group {pk}", name, 100) for pk, name in CounselingGroup.objects.values_list("pk", "name")
    ]
    texts += [
        (f"note {pk}", text, 5000) for pk, text in CounselorNote.objects.values_list("pk", "text")
    ]
    for pk, *values in User.objects.values_list("pk", "username", "email", "first_name"):
        texts += [(f"user {pk}", value, 254) for value in values]
    for where, value, limit in texts:
        if "\x00" in value or len(value) > limit:
            found.setdefault("invalid text stored", []).append((where, _shown(value)))
    assert not found, f"invalid rows stored: {found}"


def answers_by_key(assessment: Assessment) -> dict[str, int]:
    return dict(Answer.objects.filter(assessment=assessment).values_list("item__key", "value"))


def _assessment_path(token: str, rest: str) -> str:
    return f"/assessment/{quote(token, safe='')}/{rest}"


TOKEN_KINDS = ["live_short", "live_full", "finished", "owned", "unknown", "garbage"]


def token_of(world: World, kind: str, garbage: str) -> str:
    if kind == "unknown":
        return "unknownTokenThatLooksReal_0123456"
    if kind == "garbage":
        return garbage or "x"
    return getattr(world, kind).token


def target_of(world: World, kind: str) -> Assessment | None:
    """The assessment a token kind names, as stored now (never looked up by a generated token:
    PostgreSQL refuses a NUL even in a query)."""
    if kind in ("unknown", "garbage"):
        return None
    return Assessment.objects.get(pk=getattr(world, kind).pk)


# The quiz ---------------------------------------------------------------------------------------


# Keys of the short and full form, of the results questionnaire (another published version),
# of the draft only, near misses, NUL bytes and anything.
ITEM = st.one_of(
    st.sampled_from(
        ["T-R-01", "T-R-03", "T-DEP-02", "D-ONLY-01", "X-1B1a-1", "t-r-01", " T-R-01", "T-R-01 "]
    ),
    st.sampled_from(["T-R-01\x00", "\x00", "T-R-\x0001"]),
    TEXT,
)
VALUE = st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), NUMBER, TEXT)
# A well-formed answer (the last one is in the full form only), so saves do happen.
WELL_FORMED = st.tuples(
    st.sampled_from(["T-R-01", "T-I-02", "T-DEP-03", "T-R-03"]),
    st.sampled_from(["1", "2", "3", "4", "5", " 4 ", "05"]),
).map(lambda answer: [("item", answer[0]), ("value", answer[1])])


@pytest.mark.django_db
@generated(max_examples=200)
@given(
    kind=st.sampled_from([*TOKEN_KINDS, "live_short", "live_full"]),
    garbage=TEXT,
    pairs=st.one_of(field_pairs(item=ITEM, value=VALUE), WELL_FORMED),
    encoding=ENCODING,
    htmx=HTMX,
    as_seeker=st.booleans(),
)
# Known cases, run first every time: a NUL byte in the item key (a 500 on PostgreSQL once).
@example(
    kind="live_short",
    garbage="",
    pairs=[("item", "T-R-01\x00"), ("value", "3")],
    encoding="urlencoded",
    htmx=True,
    as_seeker=False,
)
@example(
    kind="live_full",
    garbage="",
    pairs=[("item", "\x00"), ("value", "3\x00")],
    encoding="multipart",
    htmx=False,
    as_seeker=False,
)
def test_the_answer_endpoint_never_fails_on_generated_input(
    world, clients, kind, garbage, pairs, encoding, htmx, as_seeker
):
    token = token_of(world, kind, garbage)
    target = target_of(world, kind)
    before = answers_by_key(target) if target else {}
    response = send(
        clients["seeker"] if as_seeker else clients.fresh(),
        "POST",
        _assessment_path(token, "answer/"),
        pairs,
        endpoint="answer",
        encoding=encoding,
        htmx=htmx,
    )
    after = answers_by_key(target) if target else {}
    if response.status_code >= 400:
        assert after == before, f"a refused answer changed the stored ones: {before} → {after}"
    elif target is not None and encoding != "json":
        # Django reads the last of repeated fields; that answer is what is stored now.
        # The form strips surrounding whitespace from both fields.
        sent = dict(pairs)
        assert after.get(sent["item"].strip()) == int(sent["value"]), (sent, after)
    assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=120)
@given(
    kind=st.sampled_from(["live_short", "live_full", "live_short", "finished", "unknown"]),
    number=st.one_of(st.integers(0, 5), st.sampled_from([10**6, 10**30])),
    answers=st.lists(st.tuples(ITEM, VALUE), max_size=8),
    real=st.lists(st.tuples(st.integers(0, 20), VALUE), max_size=8),
    action=st.lists(st.one_of(st.sampled_from(["next", "back", "later"]), TEXT), max_size=2),
    encoding=ENCODING,
    htmx=HTMX,
    method=st.sampled_from(["POST", "POST", "POST", "GET"]),
)
def test_page_posts_never_fail_and_save_all_or_nothing(
    world, clients, kind, number, answers, real, action, encoding, htmx, method
):
    token = token_of(world, kind, "")
    target = target_of(world, kind)
    keys = world.short_keys + world.full_only_keys
    # Real keys of the form most of the time, so whole pages do get saved.
    pairs = [(keys[index % len(keys)], value) for index, value in real] + answers
    pairs += [("action", value) for value in action]
    before = answers_by_key(target) if target else {}
    response = send(
        clients.fresh(),
        method,
        _assessment_path(token, f"page/{number}/"),
        pairs,
        endpoint="page",
        encoding=encoding,
        htmx=htmx,
    )
    if response.status_code >= 400 and target is not None:
        assert answers_by_key(target) == before, "a refused page changed the stored answers"
    assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=60)
@given(
    pairs=field_pairs(form=choice_or_any(["short", "full"])),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
    htmx=HTMX,
    as_seeker=st.booleans(),
)
def test_starting_never_fails_on_generated_input(
    world, clients, pairs, method, encoding, htmx, as_seeker
):
    started = Assessment.objects.count()
    response = send(
        clients["seeker"] if as_seeker else clients.fresh(),
        method,
        "/assessment/start/",
        pairs,
        endpoint="start",
        encoding=encoding,
        htmx=htmx,
    )
    if response.status_code != 302:
        assert Assessment.objects.count() == started, "a refused start made an assessment"
    assert_database_valid(world)


# One assessment from start to finish: answers, pages and finishing in any order, and anything
# sent after the finish is refused without changing a stored answer.
QUIZ_STEP = st.one_of(
    st.tuples(st.just("answer"), ITEM, VALUE, HTMX),
    st.tuples(st.just("answer_real"), st.integers(0, 20), VALUE, HTMX),
    st.tuples(st.just("complete"), st.sampled_from(["1", "3", "5"]), st.just(""), HTMX),
    st.tuples(st.just("finish"), st.sampled_from(["POST", "POST", "GET"]), st.just(""), HTMX),
    st.tuples(st.just("page"), st.integers(1, 3), st.one_of(st.just("later"), TEXT), st.booleans()),
)


@pytest.mark.django_db
@generated(max_examples=40)
@given(form=st.sampled_from(["short", "full"]), steps=st.lists(QUIZ_STEP, min_size=1, max_size=6))
def test_nothing_changes_an_assessment_after_it_is_finished(world, clients, form, steps):
    assessment = services.assessment_start(questionnaire=world.quiz, form=form)
    client = clients.fresh()
    keys = [item.key for item in assessment.form_items()]
    for step, first, second, htmx in steps:
        assessment.refresh_from_db()
        before = answers_by_key(assessment)
        was_finished = assessment.is_finished
        if step in ("answer", "answer_real"):
            key = keys[first % len(keys)] if step == "answer_real" else first
            response = send(
                client,
                "POST",
                _assessment_path(assessment.token, "answer/"),
                [("item", key), ("value", second)],
                endpoint="answer",
                htmx=htmx,
            )
        elif step == "complete":
            quiz = queries.quiz_for(assessment)
            for page in quiz.pages:
                response = send(
                    client,
                    "POST",
                    _assessment_path(assessment.token, f"page/{page.number}/"),
                    [*((item.key, first) for item in page.items), ("action", "next")],
                    endpoint="page",
                )
        elif step == "finish":
            response = send(
                client,
                first,
                _assessment_path(assessment.token, "finish/"),
                endpoint="finish",
                htmx=htmx,
            )
        else:
            response = send(
                client,
                "POST",
                _assessment_path(assessment.token, f"page/{first}/"),
                [(key, "4") for key in keys] + [("action", second)],
                endpoint="page",
                htmx=htmx,
            )
        if was_finished:
            assert answers_by_key(assessment) == before, f"{step} changed a finished assessment"
            if step.startswith("answer"):
                # 409 says "finished"; a value the form refuses first gets its own 400.
                assert 400 <= response.status_code < 500, f"answer after the finish: {response}"
        assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    kind=st.sampled_from(TOKEN_KINDS),
    garbage=TEXT,
    pairs=field_pairs(confirm=ANY),
    method=st.sampled_from(["POST", "GET"]),
    encoding=ENCODING,
    htmx=HTMX,
    filled=st.booleans(),
)
def test_finishing_never_fails_on_generated_input(
    world, clients, kind, garbage, pairs, method, encoding, htmx, filled
):
    token = token_of(world, kind, garbage)
    target = target_of(world, kind)
    if filled and target is not None and not target.is_finished:
        services.answers_save(
            assessment=target, values={item.key: 3 for item in target.form_items()}
        )
    send(
        clients.fresh(),
        method,
        _assessment_path(token, "finish/"),
        pairs,
        endpoint="finish",
        encoding=encoding,
        htmx=htmx,
    )
    assert_database_valid(world)


EMAIL = st.one_of(
    st.sampled_from(
        [
            "me@example.com",
            "ME@EXAMPLE.COM",
            "a.b+c@example.co.uk",
            "me@example",
            "@example.com",
            "me@",
            "me@@example.com",
            "me@example.com\r\nBcc: you@example.com",
            "me@example.com, you@example.com",
            '"quoted"@example.com',
            "me@exämple.com",
            "mé@example.com",
            "me@[127.0.0.1]",
            "a" * 250 + "@example.com",
        ]
    ),
    st.emails().map(str),
    TEXT,
)


@pytest.mark.django_db
@generated(max_examples=60)
@given(
    kind=st.sampled_from(["live_short", "live_full", "finished", "unknown", "live_short"]),
    pairs=field_pairs(email=EMAIL, next=NEXT),
    resume_next=st.sampled_from(["", "", "page/1/", "?x=1", "/../../careers/", "//evil.example"]),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
    htmx=HTMX,
)
def test_the_email_link_form_never_fails_and_mails_only_valid_addresses(
    world, clients, kind, pairs, resume_next, method, encoding, htmx
):
    token = token_of(world, kind, "")
    if resume_next:
        # `next` may only lead back into this assessment; try paths that start like it.
        pairs = [*pairs, ("next", f"/assessment/{token}/{resume_next}")]
    sent = len(mail.outbox)
    response = send(
        clients.fresh(),
        method,
        _assessment_path(token, "email/"),
        pairs,
        endpoint="email",
        encoding=encoding,
        htmx=htmx,
    )
    new = mail.outbox[sent:]
    assert len(new) <= 1
    for message in new:
        assert response.status_code in (200, 302)
        (recipient,) = message.to
        assert not set(recipient) & {"\n", "\r", "\x00"}, recipient
    assert_database_valid(world)


# The catalog and results ---------------------------------------------------------------------

HOLLAND = choice_or_any(["R", "I", "A", "S", "E", "C", "r", "RI", "X", ""])
OUTLOOK = choice_or_any(["much_faster", "faster", "average", "slower", "little_or_no_change"])
PAGE = st.one_of(st.sampled_from(["1", "2", "0", "-1", "99999", "9" * 20, "", "٢"]), ANY)
HX_TARGET = st.sampled_from([None, "careers", "career-rows", "results", "roster", "x\x00"])


@pytest.mark.django_db
@generated(max_examples=120)
@given(
    pairs=field_pairs(
        q=st.one_of(st.sampled_from(["nurse", "43-4051", "43-4051.00", "47-", "%", "_"]), ANY),
        zone=choice_or_any(["", "1", "2", "3", "4", "5"]),
        holland=HOLLAND,
        outlook=OUTLOOK,
        ai=choice_or_any(["", "25", "50", "75", "30"]),
        sort=choice_or_any(["", "growth", "openings", "ai_low", "ai_high"]),
        page=PAGE,
    ),
    htmx=HTMX,
    history_restore=st.booleans(),
)
def test_career_search_never_fails_on_generated_filters(
    world, clients, pairs, htmx, history_restore
):
    headers = {"HX-History-Restore-Request": "true"} if htmx and history_restore else {}
    send(clients.fresh(), "GET", "/careers/", pairs, endpoint="careers", htmx=htmx, headers=headers)


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    pairs=field_pairs(
        states=choice_or_any(["", "jobs", "pay", "name"]),
        metros=choice_or_any(["", "jobs", "pay", "name"]),
    ),
    code=st.sampled_from(["43-4051.00", "47-2031.00"]),
)
def test_a_profiles_table_orders_never_fail(world, clients, pairs, code):
    send(clients.fresh(), "GET", f"/careers/{code}/", pairs, endpoint="profile")


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    pairs=field_pairs(
        state=choice_or_any(["", "TX", "PR", "ZZ", "48"]),
        page=PAGE,
        client=choice_or_any(["", "1", "999999999", "-1", "x"]),
    ),
    where=st.sampled_from(["moves", "move"]),
    as_counselor=st.booleans(),
)
def test_career_moves_never_fail(world, clients, pairs, where, as_counselor):
    path = "/careers/43-4051.00/moves/" + ("47-2031.00/" if where == "move" else "")
    client = clients["counselor"] if as_counselor else clients.fresh()
    send(client, "GET", path, pairs, endpoint="moves")


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    pairs=field_pairs(
        c=choice_or_any(["43-4051.00", "47-2031.00", "29-1141.00", "99-9999.99", ""]),
        client=choice_or_any(["", "1", "x"]),
    ),
    more=st.lists(st.sampled_from(["43-4051.00", "47-2031.00", "29-1141.00"]), max_size=5),
)
def test_comparing_careers_never_fails(world, clients, pairs, more):
    send(
        clients.fresh(),
        "GET",
        "/careers/compare/",
        [*pairs, *(("c", c) for c in more)],
        endpoint="compare",
    )


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    pairs=field_pairs(
        q=st.one_of(st.sampled_from(["carpentr", "nurse", "43-40", ""]), ANY),
        code=choice_or_any(["47-2031.00", "", "99-9999.99", "47-2031"]),
    ),
    method=st.sampled_from(["GET", "POST"]),
    htmx=HTMX,
)
def test_setting_a_current_job_never_fails(world, clients, pairs, method, htmx):
    path = _assessment_path(world.owned.token, "current-job/")
    send(clients["seeker"], method, path, pairs, endpoint="current job", htmx=htmx)


RESULTS_FILTERS = {
    "zone": st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), ANY),
    "min_wage": st.one_of(st.sampled_from(["50000", "$50,000", " 1 ", "0", "9" * 12]), ANY),
    "state": choice_or_any(["", "48", "72", "99", "TX"]),
    "holland": HOLLAND,
    "q": st.one_of(st.sampled_from(["carp", "Nurses", ""]), ANY),
    "outlook": OUTLOOK,
    "ai": choice_or_any(["", "25", "50", "75", "30"]),
    "sort": choice_or_any(["", "growth", "openings", "ai_low", "ai_high"]),
    "interests": st.one_of(st.sampled_from(["0", "50", "100", "101", "-1"]), ANY),
    "work_styles": st.one_of(st.sampled_from(["0", "30", "100"]), ANY),
    "work_values": st.one_of(st.sampled_from(["0", "20", "100"]), ANY),
    "page": PAGE,
}


@pytest.mark.django_db
@generated(max_examples=90)
@given(
    pairs=field_pairs(**RESULTS_FILTERS),
    htmx=HTMX,
    target=HX_TARGET,
    whose=st.sampled_from(["finished", "owned_by_owner", "owned_by_counselor"]),
)
# "Show more" with a weight the form refuses.
@example(pairs=[("work_values", " ")], htmx=True, target="career-rows", whose="finished")
def test_results_filters_and_weights_never_fail(world, clients, pairs, htmx, target, whose):
    headers = {"HX-Target": target} if htmx and target else {}
    if whose == "finished":
        client, path = clients.fresh(), _assessment_path(world.finished.token, "results/")
    elif whose == "owned_by_owner":
        client, path = clients["seeker"], _assessment_path(world.owned.token, "results/")
    else:
        client, path = clients["counselor"], f"/counselor/results/{world.owned.pk}/"
    send(client, "GET", path, pairs, endpoint="results", htmx=htmx, headers=headers)


@pytest.mark.django_db
@generated(max_examples=30)
@given(
    token=st.one_of(st.sampled_from(["finished", "owned", "live"]), TEXT),
    pairs=field_pairs(**RESULTS_FILTERS),
    pdf=st.booleans(),
    htmx=HTMX,
)
# A real PDF once; generated ones mostly meet unknown tokens, which cost nothing.
@example(token="finished", pairs=[], pdf=True, htmx=False)
def test_reports_never_fail(world, clients, token, pairs, pdf, htmx):
    known = {
        "finished": world.finished.token,
        "owned": world.owned.token,
        "live": world.live_short.token,
    }
    if pdf and token in known and token != "finished":
        token = "unknown token"  # one real PDF above is enough
    path = _assessment_path(known.get(token, token), "report.pdf" if pdf else "report/")
    client = clients["seeker"] if token == "owned" else clients.fresh()
    send(client, "GET", path, pairs, endpoint="report", htmx=htmx)


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    kind=st.sampled_from(["finished", "live_short", "unknown", "finished"]),
    pairs=field_pairs(**RESULTS_FILTERS),
    encoding=ENCODING,
    htmx=HTMX,
)
def test_rescoring_never_fails_on_generated_weights(world, clients, kind, pairs, encoding, htmx):
    token = token_of(world, kind, "")
    send(
        clients.fresh(),
        "POST",
        _assessment_path(token, "results/rescore/"),
        pairs,
        endpoint="rescore",
        encoding=encoding,
        htmx=htmx,
    )
    assert_database_valid(world)


# Accounts and sharing --------------------------------------------------------------------------

STRONG = "a-long-generated-password-7"
NEW_EMAIL = st.uuids().map(lambda value: f"new-{value.hex[:12]}@example.com")


@pytest.mark.django_db
@generated(max_examples=80)
@given(
    pairs=field_pairs(
        name=st.one_of(st.sampled_from(["Ada", "", "Ada Lovelace"]), ANY),
        email=st.one_of(NEW_EMAIL, st.just("seeker@example.com"), EMAIL),
        password1=st.one_of(st.just(STRONG), st.sampled_from(["12345678", "password"]), ANY),
        password2=st.one_of(st.just(STRONG), ANY),
        next=NEXT,
    ),
    complete=st.booleans(),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
    as_seeker=st.booleans(),
)
# `next` that is not a path, logged in and not (500s once).
@example(
    pairs=[("next", "foo")], complete=False, method="GET", encoding="urlencoded", as_seeker=True
)
@example(
    pairs=[("next", "foo")], complete=True, method="POST", encoding="urlencoded", as_seeker=False
)
def test_signup_never_fails_and_never_redirects_off_the_site(
    world, clients, pairs, complete, method, encoding, as_seeker
):
    if complete:
        # A well-formed signup ahead of the generated fields, so some accounts do get made
        # and the generated `next` is followed.
        fields = [
            ("name", "Generated Person"),
            ("email", f"made-{uuid.uuid4().hex[:12]}@example.com"),
            ("password1", STRONG),
            ("password2", STRONG),
        ]
        pairs = fields + [pair for pair in pairs if pair[0] in ("next", "name")]
    send(
        clients["seeker"] if as_seeker else clients.fresh(),
        method,
        "/accounts/signup/",
        pairs,
        endpoint="signup",
        encoding=encoding,
    )
    assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=60)
@given(
    pairs=field_pairs(
        username=st.one_of(
            st.sampled_from(["seeker@example.com", "SEEKER@example.com", "nobody@example.com"]),
            EMAIL,
        ),
        password=st.one_of(st.just(PASSWORD), ANY),
        next=NEXT,
    ),
    complete=st.booleans(),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
    as_seeker=st.booleans(),
)
# Logged in, with `next` pointing back at the login page.
@example(
    pairs=[("next", "/accounts/login/")],
    complete=False,
    method="GET",
    encoding="urlencoded",
    as_seeker=True,
)
def test_login_never_fails_and_never_redirects_off_the_site(
    world, clients, pairs, complete, method, encoding, as_seeker
):
    if complete:
        # The right password, so logins succeed and the generated `next` is followed.
        pairs = [("username", "seeker@example.com"), ("password", PASSWORD)] + [
            pair for pair in pairs if pair[0] == "next"
        ]
    send(
        clients["seeker"] if as_seeker else clients.fresh(),
        method,
        "/accounts/login/",
        pairs,
        endpoint="login",
        encoding=encoding,
    )


def consent_fields(world: World) -> st.SearchStrategy[list[tuple[str, str]]]:
    return field_pairs(
        share=choice_or_any(["all", "some"]),
        assessments=st.one_of(
            st.sampled_from(
                [str(world.owned.pk), str(world.finished.pk), str(world.live_short.pk), "0"]
            ),
            NUMBER,
            ANY,
        ),
    )


@pytest.mark.django_db
@generated(max_examples=60)
@given(
    data=st.data(),
    code=st.one_of(st.sampled_from(["real", "real", "unknownCodeThatLooksReal_0123456"]), TEXT),
    who=st.sampled_from(["seeker", "other", "counselor"]),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
)
def test_joining_a_group_never_fails_on_generated_consent(
    world, clients, data, code, who, method, encoding
):
    pairs = data.draw(consent_fields(world))
    code = world.group.invite_code if code == "real" else code or "x"
    send(
        clients[who],
        method,
        f"/join/{quote(code, safe='')}/",
        pairs,
        endpoint="join",
        encoding=encoding,
    )
    assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=50)
@given(
    data=st.data(),
    # Past the 64-bit range too: the id goes into a query.
    pk=st.one_of(st.just("real"), st.integers(0, 10**25).map(str)),
    who=st.sampled_from(["seeker", "seeker", "other"]),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
)
def test_changing_what_is_shared_never_fails_on_generated_consent(
    world, clients, data, pk, who, method, encoding
):
    pairs = data.draw(consent_fields(world))
    pk = world.membership.pk if pk == "real" else pk
    send(
        clients[who],
        method,
        f"/accounts/sharing/{pk}/",
        pairs,
        endpoint="sharing",
        encoding=encoding,
    )
    assert_database_valid(world)


# The counselor workspace -----------------------------------------------------------------------


@pytest.mark.django_db
@generated(max_examples=50)
@given(
    pairs=field_pairs(name=st.one_of(st.sampled_from(["Monday class", "Tuesday class"]), ANY)),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
)
def test_creating_a_group_never_fails_on_generated_names(world, clients, pairs, method, encoding):
    send(
        clients["counselor"],
        method,
        "/counselor/groups/new/",
        pairs,
        endpoint="group_create",
        encoding=encoding,
    )
    assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=60)
@given(
    pairs=field_pairs(
        q=st.one_of(st.sampled_from(["sam", "SEEKER@", "@example.com", "%"]), ANY),
        status=choice_or_any(["", "finished", "in_progress", "not_started", "shared"]),
        holland=HOLLAND,
        sort=choice_or_any(["name", "-date", "date", "status", "holland", ""]),
        page=PAGE,
    ),
    htmx=HTMX,
    history_restore=st.booleans(),
)
def test_roster_filters_never_fail(world, clients, pairs, htmx, history_restore):
    headers = {"HX-History-Restore-Request": "true"} if htmx and history_restore else {}
    send(
        clients["counselor"],
        "GET",
        f"/counselor/groups/{world.group.pk}/",
        pairs,
        endpoint="roster",
        htmx=htmx,
        headers=headers,
    )


NOTE_TEXT = st.one_of(st.sampled_from(["Strong realistic interests.", "x" * 5000, "x" * 5001]), ANY)


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    pairs=field_pairs(text=NOTE_TEXT),
    encoding=ENCODING,
    htmx=HTMX,
    pk=st.sampled_from(["owned", "owned", "finished", "999999999", "9" * 20]),
)
# An empty note sent with the htmx header.
@example(pairs=[], encoding="urlencoded", htmx=True, pk="owned")
def test_adding_a_note_never_fails_on_generated_text(world, clients, pairs, encoding, htmx, pk):
    pk = {"owned": world.owned.pk, "finished": world.finished.pk}.get(pk, pk)
    send(
        clients["counselor"],
        "POST",
        f"/counselor/results/{pk}/notes/",
        pairs,
        endpoint="note_add",
        encoding=encoding,
        htmx=htmx,
    )
    assert_database_valid(world)


@pytest.mark.django_db
@generated(max_examples=40)
@given(
    pairs=field_pairs(text=NOTE_TEXT),
    method=st.sampled_from(["POST", "POST", "GET"]),
    encoding=ENCODING,
    mine=st.booleans(),
)
def test_editing_a_note_never_fails_on_generated_text(
    world, clients, pairs, method, encoding, mine
):
    send(
        clients["counselor"],
        method,
        f"/counselor/notes/{world.note.pk if mine else '9' * 20}/",
        pairs,
        endpoint="note_edit",
        encoding=encoding,
    )
    assert_database_valid(world)


# Bodies no form expects -----------------------------------------------------------------------

FORM_POSTS = [
    "/assessment/start/",
    "answer/",
    "page/1/",
    "email/",
    "/accounts/signup/",
    "/accounts/login/",
    "/counselor/groups/new/",
]


@pytest.mark.django_db
@generated(max_examples=30)
@given(
    where=st.sampled_from(FORM_POSTS),
    body=st.sampled_from(["huge", "many fields", "file"]),
    htmx=HTMX,
)
def test_oversized_and_odd_bodies_are_refused_with_a_message(world, clients, where, body, htmx):
    path = where if where.startswith("/") else _assessment_path(world.live_short.token, where)
    client = clients["counselor"] if "counselor" in path else clients.fresh()
    if body == "file":
        # No form takes a file: the upload handler refuses it.
        pairs = [("item", "T-R-01"), ("file", SimpleUploadedFile("a.txt", b"hello"))]
    elif body == "huge":
        pairs = [("item", "T-R-01"), ("value", "3"), ("name", "x" * 300_000)]
    else:
        pairs = [(f"field{index}", "1") for index in range(1_200)]
    response = send(
        client, "POST", path, pairs, endpoint=f"odd body ({body})", encoding="multipart", htmx=htmx
    )
    assert response.status_code in (400, 413), response.status_code
    assert_database_valid(world)


# The run as a whole ---------------------------------------------------------------------------


def test_the_run_sent_enough_generated_requests(request):
    # Only meaningful when every test of the module ran (not under -k) and passed: a failing
    # test stops generating at its first failure.
    tests = {name for name in globals() if name.startswith("test_")}
    tests.discard(request.node.name)
    if not tests <= RAN:
        pytest.skip(f"{len(tests - RAN)} generated tests did not run")
    if request.session.testsfailed:
        pytest.skip("some generated tests failed, so they stopped early")
    assert STATUSES.total() >= MIN_REQUESTS, dict(STATUSES)
