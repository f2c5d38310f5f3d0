from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from careerfit import same_for_all
from tests.assessments.account_factories import PASSWORD, make_user
from tests.assessments.factories import make_questionnaire

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')


def home_token(client: Client) -> tuple[str, str]:
    page = client.get(reverse("home")).content.decode()
    return page, TOKEN.search(page).group(1)


def test_each_visitor_gets_the_same_page_with_a_token_of_their_own_that_works():
    make_questionnaire()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, token_one = home_token(first)
    page_two, token_two = home_token(second)
    assert token_one != token_two
    assert page_one.replace(token_one, "") == page_two.replace(token_two, "")
    start = reverse("assessments:start")
    assert (
        first.post(start, {"form": "short"}, headers={"X-CSRFToken": token_one}).status_code == 302
    )
    # A token is only good with its own browser's cookie.
    assert (
        second.post(start, {"form": "short"}, headers={"X-CSRFToken": "x" * 64}).status_code == 403
    )
    assert (
        second.post(start, {"form": "short"}, headers={"X-CSRFToken": token_two}).status_code == 302
    )
    assert Assessment.objects.count() == 2


def test_a_logged_in_visitor_sees_their_own_menu_and_leaves_nothing_behind(client):
    assert "Log in" in client.get(reverse("home")).content.decode()
    client.force_login(make_user())
    mine = client.get(reverse("home")).content.decode()
    assert "Log out" in mine
    assert "My results" in mine
    anonymous = Client().get(reverse("home")).content.decode()
    assert "Log out" not in anonymous
    assert "Log in" in anonymous


def test_a_deleted_account_is_confirmed_on_the_home_page_once(client):
    client.get(reverse("home"))
    client.force_login(make_user())
    response = client.post(
        reverse("assessments:account_delete"), {"password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Your account and all your data were deleted." in response.content.decode()
    assert "were deleted" not in client.get(reverse("home")).content.decode()


def test_with_debug_on_a_changed_template_shows_at_once(client, settings):
    settings.DEBUG = True
    client.get(reverse("home"))
    assert same_for_all._RENDERED == {}
