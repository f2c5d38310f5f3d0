"""System checks: what the assessments app needs of its database."""

from __future__ import annotations

import sqlite3

from django.core.checks import Error, register
from django.db import connections

# services._touch_unfinished saves an answer with UPDATE … RETURNING.
SQLITE_NEEDED = (3, 35, 0)


@register("database")
def sqlite_is_new_enough(app_configs: object = None, **kwargs: object) -> list[Error]:
    uses_sqlite = any(connection.vendor == "sqlite" for connection in connections.all())
    if uses_sqlite and sqlite3.sqlite_version_info < SQLITE_NEEDED:
        return [
            Error(
                f"SQLite {sqlite3.sqlite_version} is too old: careerfit needs 3.35 or newer.",
                hint="Use a newer Python build, or PostgreSQL through DATABASE_URL.",
                id="assessments.E001",
            )
        ]
    return []
