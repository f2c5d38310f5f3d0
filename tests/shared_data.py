"""Where the full release files live: ../shared beside the repository, as on CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared"))


def shared_path(relative: str) -> Path:
    """The path of a shared release file; skips loudly (fails under REQUIRE_SHARED_DATA=1)."""
    path = SHARED / relative
    if not path.exists():
        message = f"SHARED DATA MISSING: {path} not found, full-data test not run"
        if os.environ.get("REQUIRE_SHARED_DATA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path
