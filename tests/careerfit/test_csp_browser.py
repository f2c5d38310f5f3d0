from __future__ import annotations

import pytest
from django.urls import reverse

from tests.assessments.account_factories import PASSWORD, make_user
from tests.csp import watch_content_security_policy
from tests.factories import make_complete_occupation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_policy_blocks_an_injected_inline_script_and_the_watch_sees_it(live_server, browser):
    context = browser.new_context()
    page = context.new_page()
    refused = watch_content_security_policy(page)
    try:
        page.goto(f"{live_server.url}/")
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = true'; document.body.append(s); }"
        )
        page.wait_for_timeout(200)
        assert page.evaluate("window.injected === undefined")
    finally:
        context.close()
    assert refused
    assert "script-src" in refused[0]


def test_catalog_and_admin_pages_run_under_the_policy(live_server, page):
    # The page fixture fails the test if the policy refuses anything on these pages.
    occupation = make_complete_occupation()
    staff = make_user("admin@example.com", staff=True)
    staff.is_superuser = True
    staff.save()
    for path in ("/", "/careers/", "/careers/43-4051.00/", "/how-we-score/", "/admin/login/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
    page.fill("#id_username", "admin@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    change = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    for path in ("/admin/occupations/occupation/", "/admin/assessments/questionnaire/", change):
        assert page.goto(f"{live_server.url}{path}").status == 200, path
