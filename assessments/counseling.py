"""Writes for sharing with counselors: groups, invite codes, consent, and counselors' notes.

Consent is one Membership row per (group, user). Joining again after withdrawing re-uses it
with a new consent date, so the roster never lists a person twice.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments import access
from assessments.models import Assessment, CounselingGroup, CounselorNote, Membership

# 24 random bytes: 192 bits, 32 URL-safe characters, like assessment tokens.
INVITE_BYTES = 24


def new_invite_code() -> str:
    return secrets.token_urlsafe(INVITE_BYTES)


@transaction.atomic
def group_create(*, counselor: AbstractBaseUser, name: str) -> CounselingGroup:
    if not access.is_counselor(counselor):
        raise ValidationError("Only counselors can create groups.", code="not_counselor")
    group = CounselingGroup(
        counselor=counselor,
        name=name.strip(),
        invite_code=new_invite_code(),
        invite_created=timezone.now(),
    )
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def invite_rotate(*, group: CounselingGroup) -> CounselingGroup:
    """A new invite code; the old link stops working at once. Members stay members."""
    group.invite_code = new_invite_code()
    group.invite_created = timezone.now()
    group.full_clean()
    group.save(update_fields=["invite_code", "invite_created"])
    return group


@transaction.atomic
def consent_give(
    *,
    group: CounselingGroup,
    user: AbstractBaseUser,
    share_all: bool,
    assessments: Sequence[Assessment] = (),
) -> Membership:
    """Join the group (or change what is shared) with consent given now."""
    if group.counselor_id == user.pk:
        raise ValidationError("This is your own group: you cannot join it.", code="own_group")
    picked = _own_finished(user, assessments)
    if not share_all and not picked:
        raise ValidationError(
            {"assessments": "Pick at least one result to share, or share all of them."},
            code="nothing_shared",
        )
    membership = Membership.objects.select_for_update().filter(
        group=group, user=user
    ).first() or Membership(group=group, user=user)
    membership.share_all = share_all
    membership.consented_at = timezone.now()
    membership.withdrawn_at = None
    membership.full_clean()
    membership.save()
    membership.shared.set([] if share_all else picked)
    return membership


@transaction.atomic
def consent_withdraw(*, membership: Membership) -> Membership:
    """Stop sharing with the group's counselor; their access ends with this commit."""
    if membership.withdrawn_at is None:
        membership.withdrawn_at = timezone.now()
        membership.full_clean()
        membership.save(update_fields=["withdrawn_at"])
    membership.shared.clear()
    return membership


@transaction.atomic
def note_add(*, author: AbstractBaseUser, assessment: Assessment, text: str) -> CounselorNote:
    if not access.counselor_sees(author, assessment):
        raise ValidationError("This result is not shared with you.", code="not_shared")
    note = CounselorNote(author=author, assessment=assessment, text=text.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_edit(*, note: CounselorNote, author: AbstractBaseUser, text: str) -> CounselorNote:
    if note.author_id != author.pk:
        raise ValidationError("Only the author of a note can change it.", code="not_author")
    note.text = text.strip()
    note.full_clean()
    note.save(update_fields=["text", "updated"])
    return note


def _own_finished(user: AbstractBaseUser, assessments: Sequence[Assessment]) -> list[Assessment]:
    wanted = [assessment.pk for assessment in assessments]
    picked = list(Assessment.objects.filter(pk__in=wanted, user=user, finished_at__isnull=False))
    if len(picked) != len(set(wanted)):
        raise ValidationError(
            {"assessments": "Pick only your own completed results."}, code="not_yours"
        )
    return picked
