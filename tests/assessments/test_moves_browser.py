from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from occupations.models import Occupation
from tests.assessments.results_factories import finished_assessment, make_scored_catalog
from tests.csp import watch_content_security_policy
from tests.factories import make_rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_set_a_current_job_then_open_a_move_and_a_comparison(live_server, page):
    make_scored_catalog()
    for number, occupation in enumerate(Occupation.objects.order_by("code")):
        for element_id in ("2.A.1.a", "2.C.3.a"):
            make_rating(occupation, element_id, "IM", percentage=80)
            make_rating(occupation, element_id, "LV", percentage=30 + 10 * number)
    assessment = finished_assessment()
    violations = watch_content_security_policy(page)

    page.goto(f"{live_server.url}/assessment/{assessment.token}/results/")
    page.evaluate("window.stillSamePage = true")
    page.get_by_label("I work as …").press_sequentially("carpentr", delay=20)
    # Live: the choices arrive without a page load, corrected spelling included.
    choice = page.get_by_role("button", name="This is my job: Carpenters")
    expect(choice).to_be_visible()
    assert page.evaluate("window.stillSamePage") is True
    choice.click()

    expect(page.locator("#current-job")).to_contain_text("You work as Carpenters")
    page.get_by_role("link", name="Career moves from it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Career moves from Carpenters")
    expect(page.get_by_role("columnheader", name="FIT")).to_be_visible()
    first = page.locator("table.moves tbody tr").first
    expect(first.locator(".why")).to_contain_text("FIT")
    first.locator("th a").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^From Carpenters to "))
    expect(page.get_by_role("heading", name="What to learn")).to_be_visible()
    page.get_by_role("link", name="Compare the two side by side").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Compare careers")
    expect(page.locator("table.compare thead th")).to_have_count(2)
    expect(page.locator("table.compare")).to_contain_text("(current job)")
    expect(page.locator("table.compare")).to_contain_text("Largest gaps from your job")
    assert violations == []
