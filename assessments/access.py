"""Who may see and change what. Every view asks here before it shows an assessment.

- Unclaimed assessment: the token link is the credential, as before accounts existed.
- Claimed (it has a user): only that user may continue, change, re-score or delete it. Its
  finished results may also be viewed by staff and by a counselor the user shares them with.
- A counselor sees a user's finished assessment while the user has an active membership in
  one of the counselor's groups sharing all results or that one, and the counselor is still in
  the Counselors group. Withdrawing consent ends it on the next request.

Views answer 404 whenever the viewer may not see something, exactly as for what does not exist.
"""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from assessments.models import COUNSELORS_GROUP, Assessment, Membership

Viewer = AbstractBaseUser | AnonymousUser


def may_take(viewer: Viewer, assessment: Assessment) -> bool:
    """Continue, answer, finish, re-score, email or delete it."""
    return assessment.user_id is None or (
        viewer.is_authenticated and assessment.user_id == viewer.pk
    )


def may_view_results(viewer: Viewer, assessment: Assessment) -> bool:
    if may_take(viewer, assessment):
        return True
    if not assessment.is_finished or not viewer.is_authenticated:
        return False
    return viewer.is_staff or counselor_sees(viewer, assessment)


def is_counselor(viewer: Viewer) -> bool:
    return viewer.is_authenticated and viewer.groups.filter(name=COUNSELORS_GROUP).exists()


def counselor_sees(counselor: Viewer, assessment: Assessment) -> bool:
    if assessment.user_id is None or not assessment.is_finished or not is_counselor(counselor):
        return False
    return shared_with(counselor).filter(pk=assessment.pk).exists()


def shared_with(counselor: Viewer) -> QuerySet[Assessment]:
    """Finished assessments whose owners currently share them with this counselor."""
    active = Membership.objects.filter(
        group__counselor=counselor, withdrawn_at__isnull=True, user=OuterRef("user")
    )
    picked = Membership.shared.through.objects.filter(
        assessment=OuterRef("pk"),
        membership__group__counselor=counselor,
        membership__withdrawn_at__isnull=True,
        membership__user=OuterRef("user"),
    )
    return Assessment.objects.filter(user__isnull=False, finished_at__isnull=False).filter(
        Exists(active.filter(share_all=True)) | Exists(picked)
    )


def shares(
    membership: Membership, assessment: Assessment, *, picked: Collection[int] | None = None
) -> bool:
    """Whether this membership shows this assessment. `picked`: the ids of the assessments it
    shares when not all (read from the prefetched shared set when not given)."""
    if not membership.is_active or not assessment.is_finished:
        return False
    if assessment.user_id != membership.user_id:
        return False
    if membership.share_all:
        return True
    if picked is None:
        picked = {shared.pk for shared in membership.shared.all()}
    return assessment.pk in picked
