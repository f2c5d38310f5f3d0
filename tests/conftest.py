from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.csp import watch_content_security_policy

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    refused = watch_content_security_policy(opened)
    yield opened
    context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


@pytest.fixture(autouse=True)
def _fresh_scoring_caches():
    # Test databases roll back, so ids and the catalog version repeat between tests; the
    # process caches must not carry one test's catalog into the next.
    # Django's cache too: rendered profiles are keyed by versions that repeat the same way, and
    # rate-limit counts must start from zero.
    from django.core.cache import cache

    from assessments import career_codes, matching, queries, results
    from careerfit import same_for_all
    from occupations import catalog, move_data

    same_for_all.forget_rendered()
    catalog.clear_caches()
    move_data.clear_caches()
    matching.clear_caches()
    queries.clear_form_items()
    results.clear_caches()
    career_codes.clear_cache()
    cache.clear()
    yield
    same_for_all.forget_rendered()
    catalog.clear_caches()
    move_data.clear_caches()
    matching.clear_caches()
    queries.clear_form_items()
    results.clear_caches()
    career_codes.clear_cache()
    cache.clear()
