"""Every URL of the site, for every role: the status each one gets.

The table below has a case for each URL pattern of the project (the walk of the resolver fails
when a new pattern has none); admin patterns get their cases from the admin's registry. Each
case runs once per role, each role in a savepoint that is rolled back, so a POST by one role
never changes what the next one sees. Where a role gets 404 for something that exists, the page
must be byte for byte the one it gets for something that does not: no view may reveal that a
token, group, result or note exists to someone who may not see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from assessments import counseling, services
from assessments.models import Assessment, CounselingGroup, CounselorNote, Membership
from occupations.models import Occupation
from tests.assessments.account_factories import (
    join,
    make_counselor,
    make_group,
    make_user,
    owned_result,
)
from tests.assessments.results_factories import (
    finished_assessment,
    make_results_questionnaire,
    make_scored_catalog,
)
from tests.factories import make_complete_occupation

ROLES = (
    "anonymous",
    "owner",
    "other_seeker",
    "counselor_with_consent",
    "counselor_without_consent",
    "counselor_after_withdrawal",
    "staff",
)
SEEKERS = ("owner", "other_seeker")
COUNSELORS = ("counselor_with_consent", "counselor_without_consent", "counselor_after_withdrawal")
LOGGED_IN = ROLES[1:]
NOT_COUNSELORS = (*SEEKERS, "staff")
# Expected outcomes besides a plain status code.
LOGIN = "302 to the login page"
ADMIN_LOGIN = "302 to the admin login"
MISSING = 999_999_999
UNKNOWN_TOKEN = "unknownTokenThatLooksReal_0123456"

# URL patterns × roles; update it (and the closing note of the issue) when URLs change.
EXPECTED_CELLS = 1533


@dataclass
class World:
    users: dict[str, User | None]
    claimed: Assessment  # the owner's, finished and shared with counselor_with_consent
    in_progress: Assessment  # the owner's, not finished
    unclaimed: Assessment  # finished without an account
    group: CounselingGroup  # counselor_with_consent's, the owner shares everything
    other_group: CounselingGroup  # counselor_without_consent's
    membership: Membership
    note: CounselorNote
    occupation: Occupation


@dataclass(frozen=True)
class Case:
    route: str
    url: Callable[[World], str]
    expect: dict[str, int | str]
    method: str = "get"
    data: dict[str, object] = field(default_factory=dict)
    # The same URL for something that does not exist: its 404 page must be identical.
    missing: Callable[[World], str] | None = None
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.route}{f' ({self.label})' if self.label else ''}"


def roles(default: int | str, **overrides: int | str) -> dict[str, int | str]:
    return {role: overrides.get(role, default) for role in ROLES}


def only(
    allowed: tuple[str, ...] | str, status: int | str, **more: int | str
) -> dict[str, int | str]:
    """`status` for the allowed roles, 404 for everyone else unless `more` says otherwise."""
    allowed = (allowed,) if isinstance(allowed, str) else allowed
    return {**roles(404, **{role: status for role in allowed}), **more}


def counselor_area(status: int | str, *, consent_only: bool = True) -> dict[str, int | str]:
    """Counselor pages: login first, 403 for non-counselors, 404 for others' things."""
    expect = roles(403, anonymous=LOGIN)
    for role in COUNSELORS:
        expect[role] = 404 if consent_only else status
    expect["counselor_with_consent"] = status
    return expect


def token_url(path: str = "", which: str = "claimed") -> Callable[[World], str]:
    return lambda world: f"/assessment/{getattr(world, which).token}/{path}"


def unknown_token(path: str = "") -> Callable[[World], str]:
    return lambda world: f"/assessment/{UNKNOWN_TOKEN}/{path}"


OWNER_ONLY_404 = only("owner", 200)


CASES: list[Case] = [
    # The catalog and public pages.
    Case("", lambda w: "/", roles(200)),
    Case("careers/", lambda w: "/careers/", roles(200)),
    Case("careers/<onet:code>/", lambda w: f"/careers/{w.occupation.code}/", roles(200)),
    Case("careers/<soc:soc_code>/", lambda w: f"/careers/{w.occupation.soc_code}/", roles(302)),
    Case(
        "careers/<onet:code>/moves/", lambda w: f"/careers/{w.occupation.code}/moves/", roles(200)
    ),
    Case(
        "careers/<onet:code>/moves/",
        lambda w: f"/careers/{w.occupation.code}/moves/?client={w.claimed.pk}",
        only("counselor_with_consent", 200),
        missing=lambda w: f"/careers/{w.occupation.code}/moves/?client={MISSING}",
        label="a client's",
    ),
    Case(
        "careers/<onet:code>/moves/<onet:target>/",
        lambda w: f"/careers/{w.occupation.code}/moves/11-1011.00/",
        roles(200),
    ),
    Case(
        "careers/<onet:code>/moves/<onet:target>/",
        lambda w: f"/careers/{w.occupation.code}/moves/11-1011.00/?client={w.claimed.pk}",
        only("counselor_with_consent", 200),
        missing=lambda w: f"/careers/{w.occupation.code}/moves/11-1011.00/?client={MISSING}",
        label="a client's",
    ),
    Case(
        "careers/compare/",
        lambda w: f"/careers/compare/?c={w.occupation.code}&c=11-1011.00",
        roles(200),
    ),
    Case(
        "careers/compare/",
        lambda w: f"/careers/compare/?c={w.occupation.code}&c=11-1011.00&client={w.claimed.pk}",
        only("counselor_with_consent", 200),
        missing=lambda w: f"/careers/compare/?c={w.occupation.code}&c=11-1011.00&client={MISSING}",
        label="a client's",
    ),
    Case("how-we-score/", lambda w: "/how-we-score/", roles(200)),
    Case("privacy/", lambda w: "/privacy/", roles(200)),
    Case("assessment/start/", lambda w: "/assessment/start/", roles(200)),
    Case("assessment/start/", lambda w: "/assessment/start/", roles(302), "post", {"form": "full"}),
    # A claimed, finished assessment: its token alone opens nothing.
    Case(
        "assessment/<str:token>/",
        token_url(),
        only("owner", 302),
        missing=unknown_token(),
        label="claimed",
    ),
    Case("assessment/<str:token>/", token_url(which="unclaimed"), roles(302), label="unclaimed"),
    Case(
        "assessment/<str:token>/page/<int:number>/",
        token_url("page/1/", "in_progress"),
        OWNER_ONLY_404,
        missing=unknown_token("page/1/"),
        label="claimed, in progress",
    ),
    Case(
        "assessment/<str:token>/page/<int:number>/",
        token_url("page/1/", "in_progress"),
        only("owner", 302),
        "post",
        {"action": "skip"},
        missing=unknown_token("page/1/"),
        label="claimed, in progress",
    ),
    Case(
        "assessment/<str:token>/answer/",
        token_url("answer/", "in_progress"),
        only("owner", 302),
        "post",
        {"item": "X-1B1a-1", "value": "4"},
        missing=unknown_token("answer/"),
        label="claimed, in progress",
    ),
    Case(
        "assessment/<str:token>/answer/",
        token_url("answer/"),
        only("owner", 409),
        "post",
        {"item": "X-1B1a-1", "value": "4"},
        missing=unknown_token("answer/"),
        label="claimed, finished",
    ),
    Case("assessment/<str:token>/answer/", token_url("answer/"), roles(405), label="GET"),
    Case(
        "assessment/<str:token>/finish/",
        token_url("finish/", "in_progress"),
        OWNER_ONLY_404,
        missing=unknown_token("finish/"),
        label="claimed, in progress",
    ),
    Case(
        "assessment/<str:token>/done/",
        token_url("done/"),
        only("owner", 302),
        missing=unknown_token("done/"),
    ),
    Case(
        "assessment/<str:token>/results/",
        token_url("results/"),
        only(("owner", "counselor_with_consent", "staff"), 200),
        missing=unknown_token("results/"),
        label="claimed",
    ),
    Case(
        "assessment/<str:token>/results/",
        token_url("results/", "in_progress"),
        only("owner", 302),
        missing=unknown_token("results/"),
        label="claimed, in progress",
    ),
    Case(
        "assessment/<str:token>/results/",
        token_url("results/", "unclaimed"),
        roles(200),
        label="unclaimed",
    ),
    Case(
        "assessment/<str:token>/report/",
        token_url("report/"),
        only(("owner", "counselor_with_consent", "staff"), 200),
        missing=unknown_token("report/"),
        label="claimed",
    ),
    Case(
        "assessment/<str:token>/report/",
        token_url("report/", "in_progress"),
        roles(404),
        label="claimed, in progress",
    ),
    Case("assessment/<str:token>/report/", token_url("report/", "unclaimed"), roles(200)),
    Case(
        "assessment/<str:token>/report.pdf",
        token_url("report.pdf"),
        only(("owner", "counselor_with_consent", "staff"), 200),
        missing=unknown_token("report.pdf"),
        label="claimed",
    ),
    Case(
        "assessment/<str:token>/results/rescore/",
        token_url("results/rescore/"),
        only("owner", 302),
        "post",
        missing=unknown_token("results/rescore/"),
    ),
    Case(
        "assessment/<str:token>/results/rescore/",
        token_url("results/rescore/"),
        roles(405),
        label="GET",
    ),
    Case(
        "assessment/<str:token>/current-job/",
        token_url("current-job/?q=carpenter"),
        OWNER_ONLY_404,
        missing=unknown_token("current-job/?q=carpenter"),
    ),
    Case(
        "assessment/<str:token>/current-job/",
        token_url("current-job/"),
        only("owner", 302),
        "post",
        {"code": "47-2031.00"},
        missing=unknown_token("current-job/"),
    ),
    Case(
        "assessment/<str:token>/email/",
        token_url("email/", "in_progress"),
        OWNER_ONLY_404,
        missing=unknown_token("email/"),
    ),
    Case(
        "assessment/<str:token>/delete/",
        token_url("delete/"),
        OWNER_ONLY_404,
        missing=unknown_token("delete/"),
    ),
    Case(
        "assessment/<str:token>/delete/",
        token_url("delete/"),
        only("owner", 302),
        "post",
        missing=unknown_token("delete/"),
    ),
    Case(
        "assessment/<str:token>/delete/",
        token_url("delete/", "unclaimed"),
        roles(200),
        label="unclaimed",
    ),
    Case(
        "assessment/<str:token>/new-link/",
        token_url("new-link/"),
        only("owner", 302),
        "post",
        missing=unknown_token("new-link/"),
    ),
    Case("assessment/<str:token>/new-link/", token_url("new-link/"), roles(405), label="GET"),
    # Django's account views and ours.
    Case("accounts/login/", lambda w: "/accounts/login/", roles(302, anonymous=200)),
    Case("accounts/logout/", lambda w: "/accounts/logout/", roles(405)),
    Case("accounts/logout/", lambda w: "/accounts/logout/", roles(302), "post"),
    Case(
        "accounts/password_change/",
        lambda w: "/accounts/password_change/",
        roles(200, anonymous=LOGIN),
    ),
    Case(
        "accounts/password_change/done/",
        lambda w: "/accounts/password_change/done/",
        roles(200, anonymous=LOGIN),
    ),
    Case("accounts/password_reset/", lambda w: "/accounts/password_reset/", roles(200)),
    Case("accounts/password_reset/done/", lambda w: "/accounts/password_reset/done/", roles(200)),
    Case(
        "accounts/reset/<uidb64>/<token>/",
        lambda w: "/accounts/reset/MQ/not-a-real-token/",
        roles(200),
    ),
    Case("accounts/reset/done/", lambda w: "/accounts/reset/done/", roles(200)),
    Case("accounts/signup/", lambda w: "/accounts/signup/", roles(302, anonymous=200)),
    Case("accounts/results/", lambda w: "/accounts/results/", roles(200, anonymous=LOGIN)),
    Case(
        "accounts/results/claim/",
        lambda w: "/accounts/results/claim/",
        roles(302, anonymous=LOGIN),
        "post",
    ),
    Case("accounts/results/claim/", lambda w: "/accounts/results/claim/", roles(405)),
    Case("accounts/export/", lambda w: "/accounts/export/", roles(200, anonymous=LOGIN)),
    Case("accounts/delete/", lambda w: "/accounts/delete/", roles(200, anonymous=LOGIN)),
    Case(
        "accounts/delete/",
        lambda w: "/accounts/delete/",
        roles(400, anonymous=LOGIN),
        "post",
        {"password": "not the password"},
        label="wrong password",
    ),
    Case(
        "accounts/sharing/<int:pk>/",
        lambda w: f"/accounts/sharing/{w.membership.pk}/",
        only("owner", 200, anonymous=LOGIN),
        missing=lambda w: f"/accounts/sharing/{MISSING}/",
    ),
    Case(
        "accounts/sharing/<int:pk>/withdraw/",
        lambda w: f"/accounts/sharing/{w.membership.pk}/withdraw/",
        only("owner", 302, anonymous=LOGIN),
        "post",
        missing=lambda w: f"/accounts/sharing/{MISSING}/withdraw/",
    ),
    Case(
        "join/<str:code>/",
        lambda w: f"/join/{w.group.invite_code}/",
        roles(200, anonymous=LOGIN),
    ),
    Case(
        "join/<str:code>/",
        lambda w: f"/join/{w.group.invite_code}/",
        roles(302, anonymous=LOGIN, counselor_with_consent=200),
        "post",
        {"share": "all"},
        label="consent",
    ),
    Case(
        "join/<str:code>/",
        lambda w: f"/join/{UNKNOWN_TOKEN}/",
        roles(404, anonymous=LOGIN),
        label="unknown code",
    ),
    # The counselor workspace.
    Case("counselor/", lambda w: "/counselor/", counselor_area(200, consent_only=False)),
    Case(
        "counselor/groups/new/",
        lambda w: "/counselor/groups/new/",
        counselor_area(200, consent_only=False),
    ),
    Case(
        "counselor/groups/new/",
        lambda w: "/counselor/groups/new/",
        counselor_area(302, consent_only=False),
        "post",
        {"name": "Tuesday group"},
    ),
    Case(
        "counselor/groups/<int:pk>/",
        lambda w: f"/counselor/groups/{w.group.pk}/",
        counselor_area(200),
        missing=lambda w: f"/counselor/groups/{MISSING}/",
    ),
    Case(
        "counselor/groups/<int:pk>/invite/",
        lambda w: f"/counselor/groups/{w.group.pk}/invite/",
        counselor_area(302),
        "post",
        missing=lambda w: f"/counselor/groups/{MISSING}/invite/",
    ),
    Case(
        "counselor/groups/<int:pk>/invite/",
        lambda w: f"/counselor/groups/{w.group.pk}/invite/",
        roles(405),
        label="GET",
    ),
    Case(
        "counselor/groups/<int:pk>/roster.csv",
        lambda w: f"/counselor/groups/{w.group.pk}/roster.csv",
        counselor_area(200),
        missing=lambda w: f"/counselor/groups/{MISSING}/roster.csv",
    ),
    Case(
        "counselor/results/<int:pk>/",
        lambda w: f"/counselor/results/{w.claimed.pk}/",
        counselor_area(200),
        missing=lambda w: f"/counselor/results/{MISSING}/",
    ),
    Case(
        "counselor/results/<int:pk>/",
        lambda w: f"/counselor/results/{w.in_progress.pk}/",
        counselor_area(404),
        missing=lambda w: f"/counselor/results/{MISSING}/",
        label="not finished",
    ),
    Case(
        "counselor/results/<int:pk>/print/",
        lambda w: f"/counselor/results/{w.claimed.pk}/print/",
        counselor_area(200),
        missing=lambda w: f"/counselor/results/{MISSING}/print/",
    ),
    Case(
        "counselor/results/<int:pk>/report.pdf",
        lambda w: f"/counselor/results/{w.claimed.pk}/report.pdf",
        counselor_area(200),
        missing=lambda w: f"/counselor/results/{MISSING}/report.pdf",
    ),
    Case(
        "counselor/results/<int:pk>/notes/",
        lambda w: f"/counselor/results/{w.claimed.pk}/notes/",
        counselor_area(302),
        "post",
        {"text": "Strong realistic interests."},
        missing=lambda w: f"/counselor/results/{MISSING}/notes/",
    ),
    Case(
        "counselor/results/<int:pk>/notes/",
        lambda w: f"/counselor/results/{w.claimed.pk}/notes/",
        roles(405),
        label="GET",
    ),
    Case(
        "counselor/notes/<int:pk>/",
        lambda w: f"/counselor/notes/{w.note.pk}/",
        counselor_area(200),
        missing=lambda w: f"/counselor/notes/{MISSING}/",
    ),
    Case(
        "counselor/notes/<int:pk>/",
        lambda w: f"/counselor/notes/{w.note.pk}/",
        counselor_area(302),
        "post",
        {"text": "Changed."},
        missing=lambda w: f"/counselor/notes/{MISSING}/",
    ),
]


# The admin: every pattern, from its registry. Only staff get in; everyone else is sent to the
# admin's login page.

STAFF_ONLY = roles(ADMIN_LOGIN)


def admin_site_cases() -> list[Case]:
    cases = [
        Case("admin/", lambda w: "/admin/", {**STAFF_ONLY, "staff": 200}),
        Case("admin/login/", lambda w: "/admin/login/", roles(200, staff=302)),
        # Admin logout is POST only; a GET from anyone else is sent to the admin index.
        Case("admin/logout/", lambda w: "/admin/logout/", roles(302, staff=405)),
        Case("admin/password_change/", lambda w: "/admin/password_change/", _staff(200)),
        Case("admin/password_change/done/", lambda w: "/admin/password_change/done/", _staff(200)),
        # Without a field to complete it is refused, but only after the staff check.
        Case("admin/autocomplete/", lambda w: "/admin/autocomplete/", _staff(403)),
        Case("admin/jsi18n/", lambda w: "/admin/jsi18n/", _staff(200)),
        Case(
            "admin/r/<path:content_type_id>/<path:object_id>/",
            lambda w: f"/admin/r/{MISSING}/{MISSING}/",
            _staff(404),
        ),
        Case(
            "admin/^(?P<app_label>auth|occupations|assessments)/$",
            lambda w: "/admin/assessments/",
            _staff(200),
        ),
        Case("admin/(?P<url>.*)$", lambda w: "/admin/no-such-page/", _staff(404)),
    ]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        cases += [
            Case(prefix, _fixed(f"/{prefix}"), _staff(200), label="changelist"),
            Case(f"{prefix}add/", _fixed(f"/{prefix}add/"), _staff(_add_status(model_admin))),
        ]
        for suffix, kind in (
            ("history/", "history"),
            ("delete/", "delete"),
            ("change/", "change"),
            ("", "old change"),
        ):
            cases.append(
                Case(
                    f"{prefix}<path:object_id>/{suffix}",
                    _object_url(model, prefix, suffix),
                    _staff(_ObjectStatus(model, kind)),
                )
            )
        if model is User:
            cases.append(
                Case(
                    f"{prefix}<id>/password/",
                    _object_url(model, prefix, "password/"),
                    _staff(200),
                )
            )
    return cases


def _staff(status: object) -> dict[str, object]:
    return {**STAFF_ONLY, "staff": status}


def _fixed(url: str) -> Callable[[World], str]:
    return lambda world: url


def _object_url(model: type, prefix: str, suffix: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        found = model._default_manager.order_by("pk").first()
        return f"/{prefix}{found.pk if found else MISSING}/{suffix}"

    return url


def _add_status(model_admin: admin.ModelAdmin) -> int:
    request = RequestFactory().get("/")
    request.user = User(is_staff=True, is_superuser=True, is_active=True)
    return 200 if model_admin.has_add_permission(request) else 403


@dataclass(frozen=True)
class _ObjectStatus:
    """Staff's status on one object's admin page, known only once the world exists."""

    model: type
    kind: str

    def resolve(self) -> int:
        found = self.model._default_manager.order_by("pk").first()
        if self.kind == "delete":
            # The delete page asks for permission before it looks for the object.
            request = RequestFactory().get("/")
            request.user = User.objects.get(is_superuser=True)
            if not admin.site._registry[self.model].has_delete_permission(request, found):
                return 403
        if found is None or self.kind == "old change":
            # The admin redirects: to the index for a missing object, else to its change page.
            return 302
        return 200


ALL_CASES = CASES + admin_site_cases()


# The world every case runs in, built once for the module and rolled back after it.


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> World:
    occupation = make_scored_catalog()[0]
    # A row for most catalog models, so their admin pages open real objects.
    make_complete_occupation("11-1011.00", "Chief Executives")
    questionnaire = make_results_questionnaire()
    owner = make_user("owner@example.com", name="Olive Owner")
    users: dict[str, User | None] = {
        "anonymous": None,
        "owner": owner,
        "other_seeker": make_user("other@example.com", name="Oscar Other"),
        "counselor_with_consent": make_counselor("with@example.com"),
        "counselor_without_consent": make_counselor("without@example.com"),
        "counselor_after_withdrawal": make_counselor("withdrawn@example.com"),
        "staff": make_user("staff@example.com", staff=True),
    }
    claimed = owned_result(owner)
    in_progress = services.assessment_start(questionnaire=questionnaire, form="short", user=owner)
    unclaimed = finished_assessment()
    group = make_group(users["counselor_with_consent"], "With consent")
    other_group = make_group(users["counselor_without_consent"], "Without consent")
    join(other_group, users["other_seeker"])
    withdrawn_group = make_group(users["counselor_after_withdrawal"], "Withdrawn")
    counseling.consent_withdraw(membership=join(withdrawn_group, owner))
    membership = join(group, owner)
    note = counseling.note_add(
        author=users["counselor_with_consent"], assessment=claimed, text="First note."
    )
    return World(
        users=users,
        claimed=claimed,
        in_progress=in_progress,
        unclaimed=unclaimed,
        group=group,
        other_group=other_group,
        membership=membership,
        note=note,
        occupation=occupation,
    )


def _walk(patterns: list, prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            routes += _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            routes.append(prefix + str(pattern.pattern))
    return routes


def _without_csrf(html: bytes) -> str:
    text = html.decode()
    text = re.sub(r'"X-CSRFToken": "[^"]*"', "", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def _request(case: Case, role: str, world: World, url: str):
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return getattr(client, case.method)(url, case.data)


def _outcome(response) -> int | str:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/login/?next="):
        return LOGIN
    if response.status_code == 302 and location.startswith("/admin/login/?next="):
        return ADMIN_LOGIN
    return response.status_code


def test_the_matrix_covers_every_url_of_the_site():
    routes = _walk(get_resolver().url_patterns)
    covered = {case.route for case in ALL_CASES}
    assert sorted(set(routes) - covered) == [], "URL patterns without a case in the matrix"
    assert sorted(covered - set(routes)) == [], "cases for URL patterns that no longer exist"
    cells = len(ALL_CASES) * len(ROLES)
    print(f"\naccess matrix: {len(ALL_CASES)} URL cases × {len(ROLES)} roles = {cells} checks")
    assert cells == EXPECTED_CELLS


@pytest.mark.django_db
@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_each_role_gets_the_expected_status(world, case):
    wrong = []
    for role in ROLES:
        expected = case.expect[role]
        if isinstance(expected, _ObjectStatus):
            expected = expected.resolve()
        with transaction.atomic():
            url = case.url(world)
            response = _request(case, role, world, url)
            got = _outcome(response)
            if got != expected:
                wrong.append(f"{role}: expected {expected}, got {got}")
            elif got == 404 and case.missing is not None:
                unknown = _request(case, role, world, case.missing(world))
                if unknown.status_code != 404 or _without_csrf(unknown.content) != _without_csrf(
                    response.content
                ):
                    wrong.append(f"{role}: its 404 differs from the one for a missing object")
            transaction.set_rollback(True)
    assert wrong == [], f"{case.id}: " + "; ".join(wrong)
