"""The catalog stamp: what cached pages are keyed by, so none is shown stale after a change.

It changes whenever what a career page or list shows may have changed: the ratings' catalog
version (bumped by imports and rating edits) or the newest data release (every import that
changed something records one).
"""

from __future__ import annotations

from django.db import connection

from occupations.models import CatalogVersion, DataRelease


def stamp_sql() -> str:
    """Two columns to add to any SELECT, so the stamp costs no query of its own. Raw SQL: on
    the pages that read it on every request, building the ORM's subqueries cost more than
    running them."""
    return ", ".join(stamp_columns())


def stamp_columns() -> tuple[str, str]:
    """The catalog version's and the newest release's subqueries, one column each."""
    version = connection.ops.quote_name(CatalogVersion._meta.db_table)
    releases = connection.ops.quote_name(DataRelease._meta.db_table)
    return f"(SELECT counter FROM {version} WHERE id = 1)", f"(SELECT MAX(id) FROM {releases})"


def stamp_of(version: int | None, newest: int | None) -> str:
    return f"{version or 0}.{newest or 0}"


def catalog_stamp() -> str:
    """The stamp on its own, in one query."""
    return stamp_of(*catalog_versions())


def catalog_versions() -> tuple[int, int]:
    """(catalog version, newest data release id), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {stamp_sql()}")
        counter, newest = cursor.fetchone()
    return counter or 0, newest or 0
