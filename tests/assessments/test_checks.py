from __future__ import annotations

import pytest

from assessments import checks


@pytest.mark.parametrize(("version", "errors"), [((3, 34, 1), 1), ((3, 35, 0), 0), ((3, 45, 2), 0)])
def test_an_sqlite_too_old_for_answer_saves_is_named_at_startup(monkeypatch, version, errors):
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", version)
    monkeypatch.setattr(checks.sqlite3, "sqlite_version", ".".join(map(str, version)))
    monkeypatch.setattr(checks, "connections", _Connections("sqlite"))
    assert len(checks.sqlite_is_new_enough()) == errors


def test_postgresql_needs_no_sqlite(monkeypatch):
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", (3, 0, 0))
    monkeypatch.setattr(checks, "connections", _Connections("postgresql"))
    assert checks.sqlite_is_new_enough() == []


class _Connections:
    def __init__(self, vendor: str) -> None:
        self.vendor = vendor

    def all(self) -> list[_Connections]:
        return [self]
