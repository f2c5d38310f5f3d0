from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments import counseling, report
from tests.assessments.account_factories import (
    join,
    make_counselor,
    make_group,
    make_user,
    owned_result,
)
from tests.assessments.results_factories import finished_assessment, make_scored_catalog
from tests.factories import make_release


@pytest.fixture
def catalog(db):
    make_scored_catalog()


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_print_view_has_name_date_profile_careers_reasons_buts_and_sources(client, catalog):
    make_release()
    seeker = make_user(name="Sam Seeker")
    assessment = owned_result(seeker)
    client.force_login(seeker)

    html = client.get(reverse("assessments:report", args=[assessment.token])).content.decode()

    assert "<dt>For</dt><dd>Sam Seeker</dd>" in html
    assert f"<dd>{timezone.localtime():%-d %B %Y}</dd>" in html
    assert "Holland code: <strong" in html
    assert 'class="bar-chart"' in html  # the interest chart, as SVG
    assert html.count("<tr>") == 1 + 5  # header and the five careers of this catalog
    assert "Electricians" in html
    assert "Why:</span>" in html
    assert "But:</span>" in html
    assert "excellent" in html
    assert "Excellent</strong> (90 or more)" in html
    assert "How the FIT is worked out" in html
    assert "O*NET" in html
    assert reverse("assessments:report_pdf", args=[assessment.token]) in html


def test_the_pdf_has_the_top_career_and_the_date(client, catalog):
    assessment = finished_assessment()  # nobody's: the report says anonymous

    text = pdf_text(client.get(reverse("assessments:report_pdf", args=[assessment.token])))

    assert "Anonymous" in text
    assert "Electricians" in text
    assert f"{timezone.localtime():%-d %B %Y}" in text


def test_a_counselor_gets_the_report_with_their_notes(client, catalog):
    counselor = make_counselor("casey@example.com")
    seeker = make_user(name="Sam Seeker")
    assessment = owned_result(seeker)
    join(make_group(counselor), seeker)
    counseling.note_add(author=counselor, assessment=assessment, text="Talk about trades")
    client.force_login(counselor)

    text = pdf_text(client.get(reverse("assessments:counselor_report_pdf", args=[assessment.pk])))

    assert "Sam Seeker" in text
    assert "Talk about trades" in text
    assert "Electricians" in text
    # The seeker's own copy has no counselor notes.
    client.force_login(seeker)
    own = pdf_text(client.get(reverse("assessments:report_pdf", args=[assessment.token])))
    assert "Talk about trades" not in own


def test_too_many_pdfs_from_one_address_get_a_clear_429(client, catalog, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": (1, 600)}
    assessment = finished_assessment()
    url = reverse("assessments:report_pdf", args=[assessment.token])
    assert client.get(url).status_code == 200

    response = client.get(url)

    assert response.status_code == 429
    assert "Too many reports at once" in response.content.decode()
    # The print view still works.
    assert client.get(reverse("assessments:report", args=[assessment.token])).status_code == 200


def test_without_pango_the_pdf_says_so_and_points_to_the_print_view(client, catalog, monkeypatch):
    assessment = finished_assessment()

    def missing(html):
        raise report.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(report, "pdf_of", missing)
    response = client.get(reverse("assessments:report_pdf", args=[assessment.token]))

    assert response.status_code == 503
    html = response.content.decode()
    assert "PDF reports are not available on this server" in html
    assert reverse("assessments:report", args=[assessment.token]) in html


def test_the_pdf_lists_moves_from_the_current_job_when_one_is_set(client, catalog):
    from assessments import services
    from occupations.models import Occupation
    from tests.factories import make_rating

    for occupation in Occupation.objects.all():
        for element_id in ("2.A.1.a", "2.C.3.a"):
            make_rating(occupation, element_id, "IM", percentage=80)
            make_rating(occupation, element_id, "LV", percentage=50)
    assessment = finished_assessment()
    plain = pdf_text(client.get(reverse("assessments:report_pdf", args=[assessment.token])))
    assert "Career moves from" not in plain

    services.assessment_set_current_job(
        assessment=assessment, occupation=Occupation.objects.get(code="47-2031.00")
    )
    text = pdf_text(client.get(reverse("assessments:report_pdf", args=[assessment.token])))

    assert "Career moves from Carpenters" in text
    assert "Electricians" in text.split("Career moves from Carpenters")[1]
