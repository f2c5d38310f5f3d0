"""What a browser's session remembers about assessments.

- SESSION_TOKEN: the assessment whose FIT the career pages show: the last one this browser
  opened and may take. For a claimed assessment it is stored as "token:user id", written only
  while its owner is logged in on this session, so a browser that opened the link before the
  assessment was claimed stops seeing its FIT.
- SESSION_STARTED: the assessments this browser *started* without an account. Only these are
  claimed at login or signup. Opening a link never adds to it: a link is a credential to view
  and continue, not to own, so someone who was sent (or found) another person's link cannot
  make that assessment theirs by logging in.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase

from assessments.models import Assessment
from assessments.results import SESSION_TOKEN

SESSION_STARTED = "assessments_started"
# A browser remembers at most this many assessments to claim at login.
REMEMBERED = 20


def remember(session: SessionBase, assessment: Assessment, *, started: bool = False) -> None:
    """Note that this browser opened the assessment (and, with started=True, began it)."""
    # Written only when something changes, so most requests do not save the session.
    value = session_value(assessment)
    if session.get(SESSION_TOKEN) != value:
        session[SESSION_TOKEN] = value
    if started and assessment.user_id is None:
        tokens = started_here(session)
        if assessment.token not in tokens:
            session[SESSION_STARTED] = [*tokens, assessment.token][-REMEMBERED:]


def started_here(session: SessionBase) -> list[str]:
    tokens = session.get(SESSION_STARTED)
    return [token for token in tokens if isinstance(token, str)] if isinstance(tokens, list) else []


def forget(session: SessionBase, token: str) -> None:
    tokens = started_here(session)
    if token in tokens:
        session[SESSION_STARTED] = [kept for kept in tokens if kept != token]
    current = session.get(SESSION_TOKEN)
    if isinstance(current, str) and current.partition(":")[0] == token:
        del session[SESSION_TOKEN]


def relinked(session: SessionBase, old: str, assessment: Assessment) -> None:
    """After a new private link: this browser keeps what it knew, under the new token."""
    was_started = old in started_here(session)
    forget(session, old)
    remember(session, assessment, started=was_started)


def session_value(assessment: Assessment) -> str:
    if assessment.user_id is None:
        return assessment.token
    return f"{assessment.token}:{assessment.user_id}"


def refresh_current(session: SessionBase, user_id: int) -> None:
    """After a claim: mark the current assessment as this owner's if it now belongs to them."""
    current = session.get(SESSION_TOKEN)
    if not isinstance(current, str) or ":" in current:
        return
    if Assessment.objects.filter(token=current, user_id=user_id).exists():
        session[SESSION_TOKEN] = f"{current}:{user_id}"
