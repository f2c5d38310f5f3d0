from __future__ import annotations

import re

import pytest

from tests.factories import make_complete_occupation, make_occupation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_live_search_then_profile_shows_interests_chart_and_wages(live_server, page):
    from playwright.sync_api import expect

    make_complete_occupation()
    make_occupation("47-2111.00", "Electricians", holland_code="RIC", description="Install wiring.")

    page.goto(f"{live_server.url}/careers/")
    expect(page.locator("#results")).to_contain_text("Electricians")
    # A full page load would wipe this; a live htmx update keeps it.
    page.evaluate("window.stillSamePage = true")

    page.locator("#id_q").press_sequentially("customer", delay=30)

    expect(page.locator("#results")).not_to_contain_text("Electricians")
    expect(page.locator("#results")).to_contain_text("Customer Service Representatives")
    # Receptionists (related, made by the factory) hold "customers" in their description.
    expect(page.locator("#result-status")).to_contain_text("2 careers match “customer”")
    expect(page.locator("#results li.result").first).to_contain_text(
        "Customer Service Representatives"
    )
    expect(page).to_have_url(re.compile(r"/careers/\?q=customer"))
    page.locator("#id_q").press_sequentially(" servce", delay=30)
    expect(page.locator("#result-status")).to_contain_text(
        "Nothing matches “customer servce”. 2 careers match “customer service”"
    )
    expect(page.locator(".did-you-mean")).to_contain_text("Did you mean customer service?")
    assert page.evaluate("window.stillSamePage") is True

    page.get_by_role("link", name="Customer Service Representatives").click()

    expect(page).to_have_url(re.compile(r"/careers/43-4051\.00/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Customer Service Representatives")
    chart = page.get_by_role("img", name="Interest profile of Customer Service Representatives")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar-top")).to_have_count(3)
    wages = page.locator("#wages")
    expect(wages).to_contain_text("$44,770")
    expect(wages).to_contain_text("$239,200 or more")
