"""Writes for job seekers' accounts: signing up, claiming assessments, deleting data.

An account's username is its email address, lower-cased, so people log in with their email.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from assessments import browser
from assessments.models import Assessment, CounselingGroup
from assessments.services import TOKEN_BYTES

User = get_user_model()


@transaction.atomic
def signup(*, email: str, name: str, password: str) -> AbstractBaseUser:
    """Create an account; ValidationError names the field at fault ("email" or "password")."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(username__iexact=email).exists() or (
        User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(
            {"email": "There is already an account with this email address. Log in instead."},
            code="taken",
        )
    user = User(username=email, email=email, first_name=name.strip())
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    try:
        user.full_clean()
    except ValidationError as error:
        # The email is the username, whose rules are narrower than an email's: say so on the
        # field the person typed.
        problems = error.message_dict
        if "username" in problems:
            problems.setdefault("email", []).append(
                "Use an email address made of letters, digits and the characters @ . + - _ only."
            )
        raise ValidationError(
            {field: messages for field, messages in problems.items() if field != "username"}
        ) from None
    user.save()
    return user


@transaction.atomic
def assessments_claim(*, user: AbstractBaseUser, tokens: Iterable[str]) -> int:
    """Give the user those of these assessments that nobody has claimed; how many it got.

    Someone else's assessment is never taken over: only rows still without a user change,
    in one UPDATE, so two logins claiming the same token cannot both get it.
    """
    wanted = [token for token in tokens if isinstance(token, str)][: browser.REMEMBERED]
    if not wanted:
        return 0
    return Assessment.objects.filter(token__in=wanted, user__isnull=True).update(user=user)


@transaction.atomic
def assessment_relink(*, assessment: Assessment) -> Assessment:
    """Give the assessment a new private link; the old one stops working at once."""
    assessment.token = secrets.token_urlsafe(TOKEN_BYTES)
    assessment.full_clean()
    assessment.save(update_fields=["token", "updated"])
    return assessment


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    """Delete it with its answers, results, sharing and the notes counselors wrote on it."""
    Assessment.objects.filter(pk=assessment.pk).delete()


@transaction.atomic
def account_delete(*, user: AbstractBaseUser, password: str) -> None:
    """Delete the account and everything about it; the password must be right."""
    if not user.check_password(password):
        raise ValidationError(
            {"password": "That is not your password, so nothing was deleted."}, code="password"
        )
    # Assessments would otherwise outlive the user (SET_NULL) as anonymous rows.
    Assessment.objects.filter(user=user).delete()
    # A counselor's groups go too, with their memberships; their notes cascade with the user.
    CounselingGroup.objects.filter(counselor=user).delete()
    user.delete()
