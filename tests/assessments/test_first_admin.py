from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    call_command(
        "createsuperuser",
        "--noinput",
        "--username",
        "admin",
        "--email",
        "Admin@Example.com",
        stdout=io.StringIO(),
    )
    user = get_user_model().objects.get(username="admin")
    user.set_password("a long admin password")
    user.save()
    return user


@pytest.mark.parametrize("identifier", ["admin", "ADMIN", "admin@example.com"])
def test_an_administrator_from_createsuperuser_logs_in_on_the_site(client, admin_user, identifier):
    response = client.post(
        reverse("login"), {"username": identifier, "password": "a long admin password"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)


def test_an_email_shared_by_two_accounts_logs_nobody_in(client, admin_user):
    other = get_user_model().objects.create_user("other", "admin@example.com", "other password!")
    for password in ("a long admin password", "other password!"):
        response = client.post(
            reverse("login"), {"username": "admin@example.com", "password": password}
        )
        assert response.status_code == 400
    assert other.pk
    assert "_auth_user_id" not in client.session


def test_the_admin_login_takes_the_email_too(client, admin_user):
    response = client.post(
        reverse("admin:login"),
        {"username": "admin@example.com", "password": "a long admin password", "next": "/admin/"},
    )
    assert response.status_code == 302
