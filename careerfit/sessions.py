"""Django's database sessions, read with one compiled query.

Every page that looks at the session (a returning visitor's results, anything with a login)
reads it first; building that small query cost the ORM more than running it. The expiry is
checked here instead of in SQL, so the query takes the key alone.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from careerfit.compiled import Compiled

_BY_KEY = Compiled(
    Session, lambda key: Session.objects.filter(session_key=key).order_by()[:1], arity=1
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        found = _BY_KEY(self.session_key) if self.session_key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
