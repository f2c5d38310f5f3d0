from __future__ import annotations

import re

import pytest

from tests.factories import make_complete_occupation, make_occupation
from tests.occupations.projections_data import make_projection, make_total

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_outlook_filter_updates_the_list_in_place_then_the_profile_shows_it(live_server, page):
    from playwright.sync_api import expect

    make_total("3.1")
    make_complete_occupation()
    make_projection("43-4051", "-5.5", openings="341.7")
    make_occupation("29-1171.00", "Nurse Practitioners")
    make_projection("29-1171", "40.1")

    page.goto(f"{live_server.url}/careers/")
    expect(page.locator("#results")).to_contain_text("Customer Service Representatives")
    page.evaluate("window.stillSamePage = true")

    page.get_by_label("Job outlook").select_option("faster")

    expect(page.locator("#results")).not_to_contain_text("Customer Service Representatives")
    expect(page.locator("#results")).to_contain_text("Much faster than average (+40.1%)")
    expect(page).to_have_url(re.compile(r"outlook=faster"))
    assert page.evaluate("window.stillSamePage") is True

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/careers/43-4051.00/")
    outlook = page.get_by_role("region", name="Job outlook")
    expect(outlook).to_contain_text("Declining")
    expect(outlook).to_contain_text("341.7 thousand")
    expect(outlook.locator('[aria-current="true"]')).to_have_text("Declining")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
