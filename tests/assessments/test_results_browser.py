from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assessments import results
from assessments.scoring import Weights
from tests.assessments.results_factories import finished_assessment, make_scored_catalog
from tests.csp import watch_content_security_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def top_titles(result, **filters) -> list[str]:
    return [row.title for row in results.build_results(result, results.Filters(**filters)).rows]


def test_results_rerank_live_then_a_career_shows_your_fit(live_server, page):
    make_scored_catalog(extra=30)
    assessment = finished_assessment()
    result = assessment.results.get()
    by_default = top_titles(result)
    by_interest = top_titles(result, weights=Weights(100, 0, 0))
    in_zone_3 = top_titles(result, zones=frozenset({3}), weights=Weights(100, 0, 0))
    assert by_default[0] != by_interest[0]

    page.goto(f"{live_server.url}/assessment/{assessment.token}/results/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(page.get_by_role("img", name="Your interests")).to_be_visible()
    rows = page.locator("#career-rows tr")
    expect(rows).to_have_count(25)
    expect(rows.first.locator("th a")).to_have_text(by_default[0])
    expect(rows.first).to_contain_text("Why:")
    # A full page load would wipe this; live htmx updates keep it.
    page.evaluate("window.stillSamePage = true")

    # Keyboard on the sliders: interests to 100, the other two to 0.
    page.get_by_label("Interests", exact=True).press("End")
    page.get_by_label("Work styles", exact=True).press("Home")
    page.get_by_label("Work values", exact=True).press("Home")
    expect(page.locator("#id_interests_value")).to_have_text("100")
    expect(rows.first.locator("th a")).to_have_text(by_interest[0])
    expect(page.locator("#careers")).to_contain_text("Ranked by interests 100%")
    expect(page).to_have_url(re.compile(r"interests=100&work_styles=0&work_values=0"))

    # A filter: job zone 3 only.
    page.get_by_label("3 · Medium preparation").check()
    expect(rows).to_have_count(len(in_zone_3))
    expect(rows.first.locator("th a")).to_have_text(in_zone_3[0])
    expect(page.locator("#results-status")).to_contain_text(
        f"{len(in_zone_3)} careers match your filters"
    )
    expect(page).to_have_url(re.compile(r"zone=3"))
    page.get_by_label("3 · Medium preparation").uncheck()
    expect(rows).to_have_count(25)
    # htmx pushes the URL once the new list has settled, its "show more" link ready.
    expect(page).not_to_have_url(re.compile(r"zone=3"))

    # Show more appends the next rows to the same table.
    page.get_by_role("link", name="Show 10 more careers").click()
    expect(rows).to_have_count(35)
    expect(page.locator("#results-status")).to_contain_text("showing 1–35")
    expect(page.get_by_role("link", name=re.compile("^Show .* more"))).to_have_count(0)

    # Something the server cannot read is explained in place, and the list stays.
    page.get_by_label("Minimum median pay").fill("lots")
    expect(page.get_by_role("alert")).to_contain_text("Minimum pay must be a whole number")
    expect(rows).to_have_count(25)
    page.get_by_label("Minimum median pay").fill("")
    expect(page.get_by_role("alert")).to_have_count(0)
    assert page.evaluate("window.stillSamePage") is True

    # A career's page now shows this browser's FIT for it, next to the job's own profile.
    rows.first.locator("th a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(by_interest[0])
    your_fit = page.locator("#your-fit")
    expect(your_fit.get_by_role("heading", name="Your FIT")).to_be_visible()
    expect(your_fit).to_contain_text("out of 100")
    expect(your_fit.get_by_role("table", name="Interests")).to_contain_text("Realistic")
    your_fit.get_by_role("link", name="your results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")


def test_results_fit_a_360_pixel_phone(live_server, browser):
    make_scored_catalog(extra=5)
    assessment = finished_assessment()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    refused = watch_content_security_policy(phone)
    try:
        phone.goto(f"{live_server.url}/assessment/{assessment.token}/results/")
        expect(phone.locator("#career-rows tr").first).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        card = phone.locator("#career-rows tr").first.bounding_box()
        assert card["width"] <= 340
    finally:
        context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def test_all_weights_at_zero_get_a_message_in_place_and_the_page_stays(live_server, page):
    make_scored_catalog(extra=5)
    assessment = finished_assessment()
    page.goto(f"{live_server.url}/assessment/{assessment.token}/results/")
    page.evaluate("window.stillSamePage = true")
    for name in ("Interests", "Work styles", "Work values"):
        page.get_by_label(name, exact=True).press("Home")

    careers = page.locator("#careers")
    expect(careers).to_contain_text(
        "Give at least one of interests, work styles and work values a weight above 0."
    )
    # The list falls back to the result's own weights; header, filters and sliders stay.
    expect(careers).to_contain_text("Ranked by interests 50%")
    expect(page.locator("#career-rows tr").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(page.get_by_label("Interests", exact=True)).to_be_visible()
    assert page.evaluate("window.stillSamePage") is True
