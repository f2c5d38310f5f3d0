"""Log in by email or by username, on the site and in the admin.

Site accounts use their email as username; an administrator made by `createsuperuser` has a
username of their choosing and an email beside it. Either identifies the account. An email
shared by several accounts identifies none of them (no guessing which one was meant).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> AbstractBaseUser | None:
        if username is None or password is None:
            return None
        users = get_user_model()._default_manager
        identifier = username.strip()
        user = users.filter(username__iexact=identifier).first()
        if user is None and "@" in identifier:
            matches = list(users.filter(email__iexact=identifier)[:2])
            user = matches[0] if len(matches) == 1 else None
        if user is None:
            # The same work as a real check, so timing does not tell which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
