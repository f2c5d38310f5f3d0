from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments import queries, services
from assessments.models import Assessment, CounselorNote
from tests.assessments.account_factories import PASSWORD, make_counselor, make_group
from tests.assessments.results_factories import make_results_questionnaire, make_scored_catalog
from tests.csp import watch_content_security_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEKER_PASSWORD = "Sunny-orchard-42"


def log_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_seeker_joins_by_invite_and_the_counselor_reads_notes_and_exports(
    live_server, page, browser
):
    make_scored_catalog()
    make_results_questionnaire()
    counselor = make_counselor("casey@example.com", name="Casey Counselor")
    group = make_group(counselor, "Evening class")

    # The seeker opens the invite link, is asked to log in, and signs up instead.
    page.goto(f"{live_server.url}/join/{group.invite_code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    page.get_by_role("link", name="create a free account").click()
    page.get_by_label("Your name").fill("Sam Seeker")
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Password", exact=True).fill(SEEKER_PASSWORD)
    page.get_by_label("Password again").fill(SEEKER_PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # Back at the invitation: what the counselor will see, then consent.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Share your results with Evening class?"
    )
    expect(page.get_by_text("Your name and email address: Sam Seeker")).to_be_visible()
    page.get_by_label("All my completed results, including ones I finish later").check()
    page.get_by_role("button", name="I agree: share with Evening class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My results")
    expect(page.get_by_text("You are sharing with Evening class.")).to_be_visible()

    # The short form: most answers through the service, the last page by clicking.
    page.get_by_role("link", name="Take the assessment", exact=True).first.click()
    page.get_by_label(re.compile("Short form")).check()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("fieldset.quiz-item").first).to_be_visible()
    assessment = Assessment.objects.get()
    assert assessment.user.email == "sam@example.com"
    quiz = queries.quiz_for(assessment)
    last_page = quiz.pages[-1]
    services.answers_save(
        assessment=assessment,
        values={
            item.key: 5 if item.trait == "1.B.1.a" else 2
            for page_ in quiz.pages[:-1]
            for item in page_.items
        },
    )
    page.goto(f"{live_server.url}/assessment/{assessment.token}/page/{last_page.number}/")
    for item in last_page.items:
        page.locator(f"label[for='answer-{item.key}-4']").click()
        expect(page.locator(f"#status-{item.key}")).to_have_text(re.compile("^Saved: "))
    page.get_by_role("button", name="Review and finish").click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    holland_code = assessment.results.get().holland_code
    assert holland_code

    # The counselor logs in elsewhere and finds the result in the group's roster.
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    desk = context.new_page()
    refused = watch_content_security_policy(desk)
    desk.set_default_timeout(10_000)
    try:
        desk.goto(f"{live_server.url}/accounts/login/")
        log_in(desk, "casey@example.com", PASSWORD)
        desk.get_by_role("link", name="Counselor").click()
        desk.get_by_role("link", name="Evening class").click()
        row = desk.locator("#roster tbody tr", has_text="Sam Seeker")
        expect(row).to_contain_text("Done")
        expect(row).to_contain_text(holland_code)

        # Search narrows the roster live.
        desk.get_by_label("Name or email contains").fill("nobody")
        expect(desk.locator("#roster-status")).to_contain_text("0 of 1 member match")
        desk.get_by_label("Name or email contains").fill("sam")
        expect(row).to_be_visible()

        row.get_by_role("link", name="Sam Seeker").click()
        expect(desk.get_by_role("heading", level=1)).to_have_text("Results of Sam Seeker")
        expect(desk.get_by_role("img", name="Your interests")).to_be_visible()
        expect(desk.get_by_role("button", name="Re-score with current data")).to_have_count(0)
        desk.get_by_role("textbox", name="Note").fill(
            "Strong hands-on interests; talk about apprenticeships."
        )
        desk.get_by_role("button", name="Add note").click()
        expect(desk.locator(".note-list")).to_contain_text("talk about apprenticeships")
        assert CounselorNote.objects.get().author == counselor

        desk.get_by_role("link", name="Evening class").click()
        with desk.expect_download() as download_info:
            desk.get_by_role("link", name="Download the list as CSV").click()
        download = download_info.value
        assert download.suggested_filename == "evening-class-roster.csv"
        text = Path(download.path()).read_text(encoding="utf-8")
        assert "Sam Seeker,sam@example.com,Done," in text
        assert f",{holland_code}," in text
    finally:
        context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"
