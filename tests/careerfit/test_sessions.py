from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careerfit.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**values: object) -> str:
    session = SessionStore()
    session.update(values)
    session.save()
    return session.session_key


def test_a_saved_session_is_read_back_in_one_query():
    key = saved_session(colour="green")
    with CaptureQueriesContext(connection) as captured:
        assert SessionStore(key)["colour"] == "green"
    assert len(captured) == 1


def test_an_expired_session_is_empty_and_gets_a_new_key_when_saved():
    key = saved_session(colour="green")
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    session = SessionStore(key)
    assert "colour" not in session
    session["colour"] = "blue"
    session.save()
    assert session.session_key != key


def test_an_unknown_key_is_an_empty_session():
    session = SessionStore("k" * 32)
    assert dict(session.items()) == {}
    assert session.session_key is None


def test_the_site_keeps_its_sessions_with_it():
    assert settings.SESSION_ENGINE == "careerfit.sessions"


def test_a_cookie_that_is_not_a_session_key_is_not_looked_up(client):
    saved_session(colour="green")
    for junk in ("\x00" * 40, "a" * 31 + "\x00", "A" * 32, "k" * 33, "😀" * 32):
        session = SessionStore(junk)
        assert session.session_key is None
        assert dict(session.items()) == {}
    client.cookies.load('sessionid="\\000abcdefghijklmnopqrstuvwxyz01234"')
    assert client.get("/").status_code == 200
