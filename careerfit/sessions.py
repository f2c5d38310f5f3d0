"""Django's database sessions, read with one compiled query.

Every page that looks at the session (a returning visitor's results, anything with a login)
reads it first; building that small query cost the ORM more than running it. The expiry is
checked here instead of in SQL, so the query takes the key alone. A cookie that is not a key
Django could have made (32 lowercase letters and digits) is not looked up at all: it could hold
bytes, such as NUL, that PostgreSQL refuses.
"""

from __future__ import annotations

import re

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from careerfit.compiled import Compiled

_BY_KEY = Compiled(
    Session, lambda key: Session.objects.filter(session_key=key).order_by()[:1], arity=1
)


KEY = re.compile(r"[a-z0-9]{32}")


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and KEY.fullmatch(key) is not None

    def _get_session_from_db(self) -> Session | None:
        found = _BY_KEY(self.session_key) if self.session_key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
