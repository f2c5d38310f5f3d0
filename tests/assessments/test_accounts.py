from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments import counseling, services
from assessments.browser import SESSION_TOKENS
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
    finished = finished_assessment()
    client.get(reverse("assessments:results", args=[finished.token]))
    started = start_in_browser(client)
    assert client.session[SESSION_TOKENS] == [finished.token, started.token]

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
    mine = finished_assessment()
    client.get(reverse("assessments:results", args=[mine.token]))
    # A token of someone else's assessment in the session (it cannot get there through the
    # views, but a claim must not take it over even so).
    session = client.session
    session[SESSION_TOKENS] = [*session[SESSION_TOKENS], theirs.token]
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
    assert "That email and password do not match an account." in html
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


def test_my_results_can_save_assessments_opened_while_logged_in(client, catalog):
    user = make_user()
    client.force_login(user)
    unclaimed = finished_assessment()
    client.get(reverse("assessments:results", args=[unclaimed.token]))

    page = client.get(reverse("assessments:my_results")).content.decode()
    assert "This browser has 1 assessment that is not saved to an account yet." in page
    response = client.post(reverse("assessments:claim"))
    assert response["Location"] == reverse("assessments:my_results")
    unclaimed.refresh_from_db()
    assert unclaimed.user == user


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
    assessment = finished_assessment()
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
    assert tops == ["Electricians", "Carpenters", "Customer Service Representatives"]
    assert "FIT 75" in html
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
    assert client.session[SESSION_TOKENS] == []


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
    assert result["top_careers"][0] == {"code": "47-2111.00", "title": "Electricians", "fit": 75.0}
    [sharing] = data["sharing"]
    assert sharing["group"] == "Thursday class"
    assert sharing["counselor"] == "Carl Counselor"
    assert sharing["shares_all_results"] is True
    assert "not included" in data["not_included"]


def test_the_privacy_page_says_what_is_stored_and_is_linked_from_every_page(client):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("assessments:privacy")}"' in home
    html = client.get(reverse("assessments:privacy")).content.decode()
    assert "What we store" in html
    assert "Who can see it" in html
    assert "Counselors' notes are not included" in html


# Rate limits


def test_too_many_failed_logins_from_one_address_get_429_even_with_the_right_password(client):
    make_user("me@example.com")
    for attempt in range(10):
        assert log_in(client, f"guess{attempt}@example.com", "nope").status_code == 400
    response = log_in(client, "me@example.com")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed attempts to log in" in html
    assert "please wait 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_too_many_failed_logins_to_one_account_get_429_from_any_address(client):
    make_user("me@example.com")
    for attempt in range(10):
        other = Client(REMOTE_ADDR=f"10.0.0.{attempt}")
        assert log_in(other, "ME@example.com", "nope").status_code == 400
    assert log_in(Client(REMOTE_ADDR="10.0.1.1"), "me@example.com").status_code == 429
    # Another account from a fresh address is not affected.
    make_user("you@example.com")
    assert log_in(Client(REMOTE_ADDR="10.0.1.2"), "you@example.com").status_code == 302


def test_a_successful_login_clears_the_accounts_failures(client):
    make_user("me@example.com")
    for _attempt in range(9):
        log_in(Client(REMOTE_ADDR="10.0.0.9"), "me@example.com", "nope")
    assert log_in(client, "me@example.com").status_code == 302
    for _attempt in range(9):
        log_in(Client(REMOTE_ADDR="10.0.0.10"), "me@example.com", "nope")
    assert log_in(Client(), "me@example.com").status_code == 302


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
    assert client.session[SESSION_TOKENS] == [new]
    assert client.get(reverse("assessments:assessment_relink", args=[new])).status_code == 405
