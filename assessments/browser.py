"""What a browser's session remembers about assessments.

- SESSION_TOKEN: the assessment whose FIT the career pages show. For a claimed assessment it is
  stored as "token:user id", written only while its owner is logged in on this session, so a
  browser that opened the link before the assessment was claimed stops seeing its FIT.
- SESSION_TOKENS: every assessment started or opened here, claimed at login or signup.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase

from assessments.models import Assessment
from assessments.results import SESSION_TOKEN

SESSION_TOKENS = "assessment_tokens"
REMEMBERED = 20


def remember(session: SessionBase, assessment: Assessment) -> None:
    # Written only when something changes, so most requests do not save the session.
    value = session_value(assessment)
    if session.get(SESSION_TOKEN) != value:
        session[SESSION_TOKEN] = value
    tokens = remembered(session)
    if assessment.token not in tokens:
        session[SESSION_TOKENS] = [*tokens, assessment.token][-REMEMBERED:]


def remembered(session: SessionBase) -> list[str]:
    tokens = session.get(SESSION_TOKENS)
    return [token for token in tokens if isinstance(token, str)] if isinstance(tokens, list) else []


def forget(session: SessionBase, token: str) -> None:
    tokens = remembered(session)
    if token in tokens:
        session[SESSION_TOKENS] = [kept for kept in tokens if kept != token]
    current = session.get(SESSION_TOKEN)
    if isinstance(current, str) and current.partition(":")[0] == token:
        del session[SESSION_TOKEN]


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
