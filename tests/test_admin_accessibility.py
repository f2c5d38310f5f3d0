"""axe-core in Chromium on every admin page careerfit customises: no critical or serious
violation. axe-core comes from the npm registry (`make test-browser` installs it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessments.models import Item
from occupations.models import DataRelease, Occupation
from tests.assessments.factories import make_questionnaire
from tests.factories import make_complete_occupation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(
    os.environ.get(
        "AXE_CORE_PATH",
        Path(__file__).resolve().parents[1] / ".cache/axe/node_modules/axe-core/axe.min.js",
    )
)
SERIOUS = ("critical", "serious")


def axe_source() -> str:
    if not AXE.exists():
        message = f"AXE-CORE MISSING: {AXE} not found (make test-browser installs it with npm)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def violations(page, source: str) -> list[str]:
    # Evaluated through the browser's debugging protocol, which the page's CSP does not block.
    page.evaluate(source)
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,"
        " where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [
        f"{v['impact']} {v['id']} ×{v['count']} at {', '.join(v['where'])}"
        for v in found
        if v["impact"] in SERIOUS
    ]


@pytest.fixture
def axe_page(browser):
    # axe adds style elements while it checks colours: a context that skips the site's CSP.
    context = browser.new_context(viewport={"width": 1366, "height": 800}, bypass_csp=True)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def test_customised_admin_pages_have_no_critical_or_serious_violations(live_server, axe_page):
    from django.contrib.auth import get_user_model

    page = axe_page
    source = axe_source()
    occupation = make_complete_occupation()
    make_questionnaire()
    get_user_model().objects.create_superuser("admin", "admin@example.com", "a long password!")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("a long password!")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    item = Item.objects.first()
    release = DataRelease.objects.first()
    urls = [
        "/admin/",
        f"/admin/occupations/occupation/{occupation.pk}/change/",
        "/admin/occupations/occupation/",
        f"/admin/occupations/rating/?occupation__id__exact={occupation.pk}",
        "/admin/occupations/task/",
        "/admin/occupations/datarelease/",
        f"/admin/occupations/datarelease/{release.pk}/change/",
        f"/admin/assessments/item/{item.pk}/change/",
        "/admin/assessments/item/",
    ]
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        problems = violations(page, source)
        if problems:
            found[url] = problems
    assert found == {}
    assert Occupation.objects.count() >= 1
