from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from assessments.models import Answer, Assessment
from tests.csp import watch_content_security_policy

pytestmark = pytest.mark.browser


def answer_page(page: Page, chosen: dict[str, str]) -> None:
    """Click an answer for every item on the page, waiting for each autosave."""
    items = page.locator("fieldset.quiz-item")
    for index in range(items.count()):
        item = items.nth(index)
        key = item.get_attribute("id").removeprefix("item-")
        value = str(len(chosen) % 5 + 1)
        item.locator(f"label[for='answer-{key}-{value}']").click()
        expect(page.locator(f"#status-{key}")).to_have_text(re.compile(r"^Saved: "))
        chosen[key] = value
        expect(page.locator("#quiz-progress-bar")).to_have_attribute("value", str(len(chosen)))


def expect_checked(page: Page, chosen: dict[str, str]) -> int:
    items = page.locator("fieldset.quiz-item")
    seen = 0
    for index in range(items.count()):
        key = items.nth(index).get_attribute("id").removeprefix("item-")
        if key in chosen:
            expect(page.locator(f"#answer-{key}-{chosen[key]}")).to_be_checked()
            seen += 1
    return seen


def test_a_job_seeker_takes_the_short_form_by_clicking(live_server, page):
    call_command("load_questionnaire", stdout=StringIO())
    page.goto(f"{live_server.url}/assessment/start/")
    page.get_by_label(re.compile("Short form")).check()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("h1")).to_have_text("What you like to do")
    resume_url = page.locator(".quiz-resume-link a").get_attribute("href")

    # Keyboard: an arrow key moves the choice, saves it, and focus stays on the radios.
    first = page.locator("fieldset.quiz-item").first
    key = first.get_attribute("id").removeprefix("item-")
    page.locator(f"#answer-{key}-1").focus()
    page.keyboard.press("Space")
    expect(page.locator(f"#status-{key}")).to_have_text(re.compile("^Saved: "))
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#status-{key}")).to_have_text(re.compile("^Saved: Dislike a little"))
    assert page.evaluate("document.activeElement.id") == f"answer-{key}-2"

    chosen: dict[str, str] = {}
    pages_done = 0
    while "/page/" in page.url:
        answer_page(page, chosen)
        pages_done += 1
        if pages_done == 3:
            # Mid-way: reload, then go back to the first page; every answer is still there.
            page.reload()
            assert expect_checked(page, chosen) == page.locator("fieldset.quiz-item").count()
            page.goto(f"{resume_url}page/1/")
            assert expect_checked(page, chosen) == 10
            # The resume link opens the first unanswered item, on page 4.
            page.goto(resume_url)
            assert re.search(r"/page/4/#item-", page.url)
            continue
        page.get_by_role("button", name=re.compile("^(Next page|Review and finish)$")).click()

    expect(page.locator("h1")).to_have_text("Review and finish")
    expect(page.get_by_text("You have answered 74 of 74 statements.")).to_be_visible()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("h1")).to_have_text("Your results")
    assessment = Assessment.objects.get()
    assert assessment.is_finished
    assert assessment.form == "short"
    assert Answer.objects.filter(assessment=assessment).count() == 74


def test_the_quiz_fits_a_360_pixel_phone(live_server, browser):
    call_command("load_questionnaire", stdout=StringIO())
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    refused = watch_content_security_policy(phone)
    try:
        phone.goto(f"{live_server.url}/assessment/start/")
        phone.get_by_role("button", name="Start").click()
        expect(phone.locator("fieldset.quiz-item").first).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        choice = phone.locator("label.quiz-choice").first.bounding_box()
        assert choice["height"] >= 44
        assert choice["width"] >= 44
    finally:
        context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def test_unanswered_statements_are_pointed_out_before_the_next_page(live_server, page):
    call_command("load_questionnaire", stdout=StringIO())
    page.goto(f"{live_server.url}/assessment/start/")
    page.get_by_label(re.compile("Short form")).check()
    page.get_by_role("button", name="Start").click()
    first = page.locator("fieldset.quiz-item").first
    key = first.get_attribute("id").removeprefix("item-")
    page.locator(f"label[for='answer-{key}-4']").click()
    expect(page.locator(f"#status-{key}")).to_have_text(re.compile("^Saved: "))
    unanswered = page.locator("fieldset.quiz-item").count() - 1

    page.get_by_role("button", name="Next page").click()

    notice = page.get_by_role("alert")
    expect(notice).to_contain_text(f"{unanswered} statements on this page are not answered yet")
    expect(page.locator("fieldset.is-skipped")).to_have_count(unanswered)
    expect(page.locator(f"#answer-{key}-4")).to_be_checked()
    page.get_by_role("button", name="Move on without them").click()
    expect(page.locator(".quiz-page-of")).to_have_text(re.compile("^Page 2 of"))
