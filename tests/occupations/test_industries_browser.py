from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.factories import make_complete_occupation
from tests.occupations.test_import_ai_exposure import CSR
from tests.occupations.test_import_ai_exposure import write as write_exposure
from tests.occupations.test_import_oews_industries import ROWS
from tests.occupations.test_import_oews_industries import write as write_industries

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_profile_shows_industries_and_ai_exposure_and_fits_a_phone(live_server, page, tmp_path):
    from playwright.sync_api import expect

    make_complete_occupation()
    call_command("import_oews_industries", str(write_industries(tmp_path / "in.csv", ROWS)))
    call_command("import_ai_exposure", str(write_exposure(tmp_path / "ai.csv", [CSR])))

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/careers/43-4051.00/")

    industries = page.get_by_role("region", name="Industries")
    expect(industries.get_by_role("heading", name="Who employs them")).to_be_visible()
    expect(industries.get_by_role("row", name="Finance and Insurance")).to_contain_text("18.5%")
    expect(industries.get_by_role("heading", name="Where it is most common")).to_be_visible()
    exposure = page.get_by_role("region", name="AI exposure")
    expect(exposure).to_contain_text("70 / 100")
    expect(exposure).to_contain_text("Exposure is not the same as job loss.")
    page.get_by_role("link", name="AI exposure").first.click()
    expect(page).to_have_url(f"{live_server.url}/careers/43-4051.00/#ai-exposure")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
