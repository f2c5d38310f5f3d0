from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments import counseling, services
from assessments.browser import SESSION_STARTED
from assessments.models import Answer, Assessment, CounselingGroup, CounselorNote, Membership
from assessments.results import SESSION_TOKEN
from tests.assessments.account_factories import (
    PASSWORD,
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

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Correct-horse-battery-7"


def start_in_browser(client: Client, form: str = "full") -> Assessment:
    """Start an assessment in this browser (its session), as the start page does."""
    client.post(reverse("assessments:start"), {"form": form})
    return Assessment.objects.order_by("-id").first()


def finished_in_browser(client: Client) -> Assessment:
    """A finished assessment that this browser started (as the start view records it)."""
    assessment = finished_assessment()
    session = client.session
    session[SESSION_STARTED] = [*session.get(SESSION_STARTED, []), assessment.token]
    session.save()
    return assessment


def signup(client: Client, email: str = "new@example.com", **fields: str):
    data = {
        "name": "Nora New",
        "email": email,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **fields,
    }
    return client.post(reverse("assessments:signup"), data)


def log_in(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def without_csrf(html: bytes) -> str:
    # The CSRF token is masked differently on every response.
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html.decode())


@pytest.fixture
def catalog():
    make_scored_catalog()


# Signing up and logging in claim this browser's assessments


def test_signing_up_creates_an_account_and_claims_the_assessments_taken_in_this_browser(
    client, catalog
):
    finished = finished_in_browser(client)
    started = start_in_browser(client)
    assert client.session[SESSION_STARTED] == [finished.token, started.token]
    # It says so before it claims them.
    form = client.get(reverse("assessments:signup")).content.decode()
    assert "You started 2 assessments in this browser without an account." in form

    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:my_results")
    user = User.objects.get(email="new@example.com")
    assert user.username == "new@example.com"
    assert user.first_name == "Nora New"
    assert set(user.assessments.all()) == {finished, started}
    page = client.get(response["Location"]).content.decode()
    assert "2 assessments taken in this browser were saved to your account." in page


def test_logging_in_claims_this_browsers_assessments_but_never_someone_elses(client, catalog):
    someone = make_user()
    theirs = owned_result(someone)
    mine = finished_in_browser(client)
    client.get(reverse("assessments:results", args=[mine.token]))
    # A token of someone else's assessment in the session (it cannot get there through the
    # views, but a claim must not take it over even so).
    session = client.session
    session[SESSION_STARTED] = [*session[SESSION_STARTED], theirs.token]
    session.save()
    user = make_user("me@example.com")

    response = log_in(client, "me@example.com")

    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.user == user
    assert theirs.user == someone
    # The session now marks the current assessment as this owner's (career pages' FIT).
    assert client.session[SESSION_TOKEN] == f"{mine.token}:{user.pk}"


def test_login_keeps_the_email_and_explains_a_wrong_password(client):
    make_user("me@example.com")
    response = log_in(client, "me@example.com", "wrong password")
    assert response.status_code == 400
    html = response.content.decode()
    assert "That email (or username) and password do not match an account." in html
    assert 'value="me@example.com"' in html


def test_login_returns_to_the_invite_it_came_from(client):
    group = make_group()
    make_user("me@example.com")
    join_url = reverse("assessments:join", args=[group.invite_code])

    to_login = client.get(join_url)
    assert to_login["Location"] == f"{reverse('login')}?next={join_url}"
    page = client.get(to_login["Location"]).content.decode()
    assert "To join a counselor's group, log in or" in page
    response = log_in(client, "me@example.com", next=join_url)
    assert response["Location"] == join_url


def test_signing_up_from_an_invite_comes_back_to_it(client):
    group = make_group()
    join_url = reverse("assessments:join", args=[group.invite_code])
    page = client.get(f"{reverse('assessments:signup')}?next={join_url}").content.decode()
    assert f'name="next" value="{join_url}"' in page
    response = signup(client, next=join_url)
    assert response["Location"] == join_url
    # A link elsewhere is not followed.
    client.logout()
    response = signup(client, "other@example.com", next="https://evil.example/")
    assert response["Location"] == reverse("assessments:my_results")


def test_signup_shows_each_problem_and_keeps_what_was_typed(client):
    make_user("taken@example.com")
    response = signup(client, "fresh@example.com", name="Tina", password2="something else")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The two passwords are not the same." in html
    assert 'value="fresh@example.com"' in html
    assert 'value="Tina"' in html
    assert 'aria-invalid="true"' in html

    response = signup(client, "Taken@Example.com")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is already an account with this email address. Log in instead." in html
    assert 'value="Taken@Example.com"' in html

    response = signup(client, "fresh@example.com", password1="12345678", password2="12345678")
    assert response.status_code == 400
    assert "This password is entirely numeric." in response.content.decode()
    assert not User.objects.filter(email="fresh@example.com").exists()


def test_a_logged_in_user_starting_the_quiz_owns_the_assessment(client, catalog):
    make_results_questionnaire()
    user = make_user()
    client.force_login(user)
    assessment = start_in_browser(client)
    assert assessment.user == user


def test_my_results_can_save_assessments_this_browser_started_before_logging_in(client, catalog):
    user = make_user()
    unclaimed = finished_in_browser(client)
    client.force_login(user)

    page = client.get(reverse("assessments:my_results")).content.decode()
    assert "This browser has 1 assessment that is not saved to an account yet." in page
    response = client.post(reverse("assessments:claim"))
    assert response["Location"] == reverse("assessments:my_results")
    unclaimed.refresh_from_db()
    assert unclaimed.user == user


# Opening a link never makes an assessment yours


def test_opening_someone_elses_link_then_logging_in_does_not_take_it_over(client, catalog):
    owner_browser = Client()
    theirs = finished_in_browser(owner_browser)
    results = reverse("assessments:results", args=[theirs.token])
    assert client.get(results).status_code == 200
    make_user("b@example.com")

    login_page = client.get(reverse("login")).content.decode()
    assert "You started" not in login_page
    response = log_in(client, "b@example.com")

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.user is None
    assert owner_browser.get(results).status_code == 200
    mine = client.get(reverse("assessments:my_results")).content.decode()
    assert "saved to your account" not in mine


def test_opening_a_link_while_logged_in_then_claiming_takes_nothing(client, catalog):
    theirs = finished_in_browser(Client())
    client.force_login(make_user("b@example.com"))
    client.get(reverse("assessments:results", args=[theirs.token]))
    client.get(reverse("assessments:resume", args=[theirs.token]))

    page = client.get(reverse("assessments:my_results")).content.decode()
    assert "not saved to an account yet" not in page
    response = client.post(reverse("assessments:claim"), follow=True)

    assert "There were no assessments in this browser to add." in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.user is None


def test_signing_up_after_opening_a_link_claims_only_what_this_browser_started(client, catalog):
    theirs = finished_in_browser(Client())
    client.get(reverse("assessments:results", args=[theirs.token]))
    mine = start_in_browser(client)

    signup(client)

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.user is None
    assert mine.user is not None


def test_a_new_private_link_stays_claimable_by_the_browser_that_started_it(client, catalog):
    started = finished_in_browser(client)
    client.post(reverse("assessments:assessment_relink", args=[started.token]))
    started.refresh_from_db()
    assert client.session[SESSION_STARTED] == [started.token]

    signup(client)

    started.refresh_from_db()
    assert started.user is not None


# A claimed assessment's token alone opens nothing


def test_a_claimed_assessment_is_closed_to_its_link_alone(client, catalog):
    owner = make_user("owner@example.com")
    assessment = owned_result(owner)
    url = reverse("assessments:results", args=[assessment.token])
    unknown = reverse("assessments:results", args=["x" * 32])

    response = Client().get(url)
    assert response.status_code == 404
    assert without_csrf(response.content) == without_csrf(Client().get(unknown).content)

    log_in(client, "owner@example.com")
    assert client.get(url).status_code == 200


def test_unclaimed_assessments_still_open_by_their_link(client, catalog):
    assessment = finished_assessment()
    assert client.get(reverse("assessments:results", args=[assessment.token])).status_code == 200
    assert client.get(reverse("assessments:resume", args=[assessment.token])).status_code == 302


def test_a_browser_that_had_the_link_before_the_claim_loses_the_fit_on_career_pages(
    client, catalog
):
    assessment = finished_in_browser(client)
    career = reverse("career_detail", args=["47-2111.00"])
    other_browser = Client()
    other_browser.get(reverse("assessments:results", args=[assessment.token]))
    assert "Your FIT" in other_browser.get(career).content.decode()

    client.get(reverse("assessments:results", args=[assessment.token]))
    signup(client)

    assert "Your FIT" in client.get(career).content.decode()
    assert "Your FIT" not in other_browser.get(career).content.decode()


# My results


def test_my_results_lists_each_assessment_with_code_top_careers_and_status(client, catalog):
    user = make_user()
    done = owned_result(user)
    in_progress = services.assessment_start(
        questionnaire=done.questionnaire, form="short", user=user
    )
    client.force_login(user)

    html = client.get(reverse("assessments:my_results")).content.decode()

    assert html.count('class="result-card"') == 2
    assert reverse("assessments:results", args=[done.token]) in html
    assert reverse("assessments:resume", args=[in_progress.token]) in html
    assert '<strong class="holland-code-small">RAI</strong>' in html
    tops = re.findall(r'<li><a href="/careers/[^"]+/">([^<]+)</a> <span class="fit-inline">', html)
    assert tops == ["Electricians", "Registered Nurses", "Customer Service Representatives"]
    assert "FIT 97, excellent" in html
    assert ">Done<" in html
    assert ">In progress<" in html


# Privacy: delete, export


def test_deleting_an_assessment_asks_first_then_removes_everything_about_it(client, catalog):
    user = make_user()
    assessment = owned_result(user)
    counselor = make_counselor()
    join(make_group(counselor), user)
    counseling.note_add(author=counselor, assessment=assessment, text="A note")
    client.force_login(user)
    url = reverse("assessments:assessment_delete", args=[assessment.token])

    page = client.get(url)
    assert page.status_code == 200
    assert "cannot be undone" in page.content.decode()
    assert Assessment.objects.filter(pk=assessment.pk).exists()

    response = client.post(url)
    assert response["Location"] == reverse("assessments:my_results")
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Answer.objects.filter(assessment_id=assessment.pk).exists()
    assert not CounselorNote.objects.exists()
    assert client.get(url).status_code == 404


def test_an_unclaimed_assessment_can_be_deleted_by_its_link(client, catalog):
    assessment = finished_assessment()
    client.get(reverse("assessments:results", args=[assessment.token]))
    response = client.post(reverse("assessments:assessment_delete", args=[assessment.token]))
    assert response["Location"] == reverse("home")
    assert not Assessment.objects.exists()
    assert SESSION_TOKEN not in client.session
    assert client.session.get(SESSION_STARTED, []) == []


def test_deleting_the_account_needs_the_password_and_removes_all_data(client, catalog):
    user = make_user()
    owned_result(user)
    join(make_group(), user)
    client.force_login(user)
    url = reverse("assessments:account_delete")

    refused = client.post(url, {"password": "not it"})
    assert refused.status_code == 400
    assert "That is not your password, so nothing was deleted." in refused.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    empty = client.post(url, {})
    assert "Type your password to confirm." in empty.content.decode()

    response = client.post(url, {"password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Assessment.objects.exists()
    assert not Membership.objects.exists()
    assert "_auth_user_id" not in client.session


def test_deleting_a_counselors_account_removes_their_groups_and_notes(client, catalog):
    seeker = make_user()
    assessment = owned_result(seeker)
    counselor = make_counselor()
    join(make_group(counselor), seeker)
    counseling.note_add(author=counselor, assessment=assessment, text="A note")
    client.force_login(counselor)
    client.post(reverse("assessments:account_delete"), {"password": PASSWORD})
    assert not CounselingGroup.objects.exists()
    assert not CounselorNote.objects.exists()
    assert Assessment.objects.filter(pk=assessment.pk, user=seeker).exists()


def test_my_data_download_has_assessments_answers_results_and_sharing_but_no_notes(client, catalog):
    user = make_user("me@example.com", name="Mia Me")
    assessment = owned_result(user)
    counselor = make_counselor(name="Carl Counselor")
    join(make_group(counselor, "Thursday class"), user)
    counseling.note_add(author=counselor, assessment=assessment, text="Private counselor words")
    client.force_login(user)

    response = client.get(reverse("assessments:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="careerfit-my-data.json"'
    assert "Private counselor words" not in response.content.decode()
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.com"
    assert data["account"]["name"] == "Mia Me"
    [exported] = data["assessments"]
    assert exported["token"] == assessment.token
    assert len(exported["answers"]) == 14
    first = exported["answers"][0]
    assert first["statement"] == "Realistic statement 1"
    assert first["answer"] == 5
    assert first["answer_label"] == "Like a lot"
    [result] = exported["results"]
    assert result["holland_code"] == "RAI"
    assert {row["name"] for row in result["profile"]} >= {"Realistic", "Achievement"}
    assert result["top_careers"][0] == {"code": "47-2111.00", "title": "Electricians", "fit": 97.1}
    [sharing] = data["sharing"]
    assert sharing["group"] == "Thursday class"
    assert sharing["counselor"] == "Carl Counselor"
    assert sharing["shares_all_results"] is True
    assert "not included" in data["not_included"]


def test_a_counselors_data_download_has_their_groups_and_the_notes_they_wrote(client, catalog):
    user = make_user("me@example.com", name="Mia Me")
    assessment = owned_result(user)
    counselor = make_counselor(name="Carl Counselor")
    join(make_group(counselor, "Thursday class"), user)
    make_group(counselor, "Empty group")
    counseling.note_add(author=counselor, assessment=assessment, text="Mia likes hands-on work")
    client.force_login(counselor)

    data = json.loads(client.get(reverse("assessments:export")).content)

    groups = {group["name"]: group for group in data["counseling_groups"]}
    assert set(groups) == {"Thursday class", "Empty group"}
    assert groups["Thursday class"]["members_sharing"] == 1
    assert groups["Empty group"]["members_sharing"] == 0
    assert "invite_code" not in groups["Thursday class"]
    [note] = data["notes_written"]
    assert note["text"] == "Mia likes hands-on work"
    assert note["about"] == "Mia Me"
    # The member's own answers are theirs, not the counselor's.
    assert data["assessments"] == []


# `next` is always a path of this site


@pytest.mark.parametrize(
    "wanted",
    [
        "foo",
        "my_results",
        "assessments:my_results",
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/ok\r\nSet-Cookie: x=1",
        "/" + "a" * 3000,
    ],
)
def test_a_next_that_is_not_a_path_here_falls_back_to_my_results(client, wanted):
    signed_up = signup(client, next=wanted)
    assert signed_up.status_code == 302
    assert signed_up["Location"] == reverse("assessments:my_results")
    assert "_auth_user_id" in client.session
    again = client.get(reverse("assessments:signup"), {"next": wanted})
    assert again.status_code == 302
    assert again["Location"] == reverse("assessments:my_results")
    client.post(reverse("logout"))
    logged_in = log_in(client, "new@example.com", NEW_PASSWORD, next=wanted)
    assert logged_in.status_code == 302
    assert logged_in["Location"] == reverse("assessments:my_results")


def test_a_next_back_to_the_login_page_does_not_loop_for_someone_logged_in(client):
    client.force_login(make_user())
    login = reverse("login")
    for response in (client.get(login, {"next": login}), client.post(login, {"next": login})):
        assert response.status_code == 302
        assert response["Location"] == reverse("assessments:my_results")


def test_an_email_the_username_rules_refuse_gets_a_message_not_a_500(client):
    response = signup(client, "{@0.AA")
    assert response.status_code == 400
    assert "letters, digits and the characters @ . + - _ only" in response.content.decode()
    assert not User.objects.exists()


def test_a_next_that_is_a_path_here_is_followed(client):
    assert signup(client, next="/careers/?q=nurse")["Location"] == "/careers/?q=nurse"


def test_the_privacy_page_says_what_is_stored_and_is_linked_from_every_page(client):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("assessments:privacy")}"' in home
    html = client.get(reverse("assessments:privacy")).content.decode()
    assert "What we store" in html
    assert "Who can see it" in html
    assert "Counselors' notes are not included" in html


# Rate limits


@pytest.fixture
def low_login_limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 900), "login_address": (5, 900)}


def test_too_many_failed_logins_from_one_address_get_429_even_with_the_right_password(
    client, low_login_limits
):
    make_user("me@example.com")
    for attempt in range(5):
        assert log_in(client, f"guess{attempt}@example.com", "nope").status_code == 400
    response = log_in(client, "me@example.com")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed attempts to log in" in html
    assert "Please wait 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_one_address_guessing_one_account_is_stopped_sooner(client, low_login_limits):
    make_user("me@example.com")
    for _attempt in range(3):
        assert log_in(client, "me@example.com", "nope").status_code == 400
    assert log_in(client, "me@example.com").status_code == 429
    # The same address may still log in to another account.
    make_user("you@example.com")
    assert log_in(client, "you@example.com").status_code == 302


def test_a_stranger_guessing_an_account_cannot_lock_its_owner_out(low_login_limits):
    make_user("me@example.com")
    for attempt in range(12):
        stranger = Client(REMOTE_ADDR=f"10.0.0.{attempt % 4}")
        log_in(stranger, "ME@example.com", "nope")
    assert log_in(Client(REMOTE_ADDR="10.0.0.1"), "me@example.com").status_code == 429
    # The owner, from their own address, logs in as usual.
    assert log_in(Client(REMOTE_ADDR="192.0.2.50"), "me@example.com").status_code == 302


def test_a_successful_login_clears_the_failures_for_that_account(client, low_login_limits):
    make_user("me@example.com")
    for _attempt in range(2):
        log_in(client, "me@example.com", "nope")
    assert log_in(client, "me@example.com").status_code == 302
    client.post(reverse("logout"))
    for _attempt in range(2):
        log_in(client, "me@example.com", "nope")
    assert log_in(client, "me@example.com").status_code == 302


def test_the_admin_login_is_limited_like_the_sites(client, low_login_limits):
    staff = make_user("staff@example.com")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    url = reverse("admin:login")
    for _attempt in range(3):
        wrong = client.post(url, {"username": "staff@example.com", "password": "nope"})
        assert wrong.status_code == 200
    response = client.post(url, {"username": "staff@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts to log in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From another address the right password still works.
    other = Client(REMOTE_ADDR="192.0.2.51")
    assert (
        other.post(url, {"username": "staff@example.com", "password": PASSWORD}).status_code == 302
    )


def test_signup_is_limited_per_client_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (2, 3600)}
    make_user("taken@example.com")
    for _attempt in range(2):
        assert signup(client, "taken@example.com").status_code == 400
    response = signup(client, "taken@example.com")
    assert response.status_code == 429
    assert "Many accounts were asked for from your network" in response.content.decode()
    assert signup(Client(REMOTE_ADDR="192.0.2.52"), "free@example.com").status_code == 302


# Django's password views, wired and templated


def test_password_reset_emails_a_working_link(client):
    user = make_user("me@example.com")
    response = client.post(reverse("password_reset"), {"email": "me@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.subject == "Reset your careerfit password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_shows_errors_and_then_changes_it(client):
    user = make_user()
    client.force_login(user)
    refused = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert refused.status_code == 200
    assert "Your old password was entered incorrectly" in refused.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("password_change_done")


def test_logging_out_is_a_post_from_the_navigation(client):
    client.force_login(make_user())
    html = client.get(reverse("home")).content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/"', html)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout"))["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session


def test_writes_refuse_a_post_without_the_csrf_token(catalog):
    user = make_user()
    assessment = owned_result(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    for url in (
        reverse("assessments:claim"),
        reverse("assessments:assessment_delete", args=[assessment.token]),
        reverse("assessments:account_delete"),
    ):
        assert client.post(url, {"password": PASSWORD}).status_code == 403
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_replacing_the_private_link_retires_the_old_one_at_once(client, db):
    from assessments.models import Assessment
    from tests.assessments.factories import make_assessment

    assessment = make_assessment()
    old = assessment.token
    client.get(reverse("assessments:resume", args=[old]))

    response = client.post(reverse("assessments:assessment_relink", args=[old]))

    new = Assessment.objects.get(pk=assessment.pk).token
    assert new != old
    assert len(new) >= 32
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:resume", args=[new])
    assert client.get(reverse("assessments:resume", args=[old])).status_code == 404
    assert client.get(reverse("assessments:resume", args=[new])).status_code == 302
    assert client.session[SESSION_TOKEN] == new
    assert client.get(reverse("assessments:assessment_relink", args=[new])).status_code == 405
