from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}
    }
    code = "import careerfit.settings as s; print(s.SECRET_KEY[:16])"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_refuses_to_start():
    loaded = load_settings(DEBUG="0")
    assert loaded.returncode != 0
    assert "ImproperlyConfigured" in loaded.stderr
    assert "SECRET_KEY is not set" in loaded.stderr


def test_production_with_a_secret_key_starts():
    loaded = load_settings(DEBUG="0", SECRET_KEY="a-real-secret-for-this-test-only-0123456789")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "a-real-secret-fo"


def test_development_falls_back_to_the_development_key():
    loaded = load_settings(DEBUG="1")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "django-insecure-"
