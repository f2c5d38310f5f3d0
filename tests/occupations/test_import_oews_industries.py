from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from occupations.industries import industries_of
from occupations.models import DataRelease, IndustryEstimate
from tests.factories import make_occupation
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

HEADER = [
    "AREA", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP",
    "TOT_EMP", "PCT_TOTAL", "A_MEDIAN",
]  # fmt: skip
CSR = ("43-4051", "Customer Service Representatives", "detailed")
ALL = "Cross-Industry, Private, Federal, State, and Local"
MAJOR = ("43-0000", "Office and Administrative Support", "major")
ROWS = [
    ["99", "000000", ALL, "cross-industry", "1235", *CSR, "2595750", "1.67", "44770"],
    ["99", "52", "Finance and Insurance", "sector", "5", *CSR, "481180", "7.66", "47550"],
    ["99", "44-45", "Retail Trade", "sector", "5", *CSR, "411850", "2.66", "37350"],
    ["99", "561400", "Business Support Services", "4-digit", "5", *CSR, "215440", "33.00", "36770"],
    ["99", "3250A1", "Chemicals, joined", "4-digit", "5", *CSR, "**", "*", "#"],
    ["99", "52", "Finance and Insurance", "sector", "5", *MAJOR, "1", "1", "1"],
]  # fmt: skip


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def run(source: Path | str) -> str:
    out = io.StringIO()
    call_command("import_oews_industries", str(source), stdout=out)
    return out.getvalue()


def snapshot() -> tuple[list, int]:
    return list(IndustryEstimate.objects.order_by("id").values_list()), DataRelease.objects.count()


@pytest.fixture
def imported(tmp_path: Path) -> tuple[list, int]:
    run(write(tmp_path / "oesm25in4.csv", ROWS))
    return snapshot()


@pytest.mark.parametrize("name", ["oesm25in4.csv", "oesm25in4.csv.gz"])
def test_it_imports_detailed_occupations_at_every_industry_level(tmp_path, name):
    out = run(write(tmp_path / name, ROWS))

    assert IndustryEstimate.objects.count() == 5  # the major group's row is left out
    joined = IndustryEstimate.objects.get(naics="3250A1")
    assert (joined.employment, joined.share_of_industry, joined.annual_median) == (None, None, None)
    assert joined.annual_median_top_coded
    release = DataRelease.objects.get(source=DataRelease.Source.OEWS_INDUSTRIES)
    assert release.version == "May 2025"
    assert "1 rows of major, minor, broad or total occupation groups" in out
    assert "5 created" in out


def test_a_second_run_changes_nothing(tmp_path, imported):
    assert "Nothing changed" in run(write(tmp_path / "oesm25in4.csv", ROWS))
    assert snapshot() == imported


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        (ROWS, HEADER[:-1], r"line 1: missing column\(s\) 'A_MEDIAN'"),
        ([[*ROWS[1][:5], "43-405", *ROWS[1][6:]]], HEADER, r"line 2: 'OCC_CODE' '43-405' is not"),
        ([[*ROWS[1][:8], "many", *ROWS[1][9:]]], HEADER, r"line 2: 'TOT_EMP' is not a number"),
        ([[*ROWS[1][:9], "120", ROWS[1][10]]], HEADER, r"line 2: 'PCT_TOTAL' is over 100"),
        ([[*ROWS[1][:3], "county", *ROWS[1][4:]]], HEADER, r"line 2: 'I_GROUP' is 'county'"),
        ([ROWS[1], ROWS[1]], HEADER, r"line 3: repeats 43-4051 in NAICS 52, ownership 5"),
        ([ROWS[5]], HEADER, r"has no detailed-occupation rows"),
    ],
)
def test_a_bad_file_changes_nothing_and_says_where(tmp_path, imported, rows, header, message):
    with pytest.raises(CommandError, match=r"^Import failed, nothing was changed\. .*" + message):
        run(write(tmp_path / "oesm25in4.csv", rows, header))

    assert snapshot() == imported


def test_a_truncated_file_changes_nothing(tmp_path, imported):
    path = write(tmp_path / "oesm25in4.csv.gz", ROWS)
    path.write_bytes(path.read_bytes()[:-10])

    with pytest.raises(CommandError, match=r"oesm25in4\.csv\.gz: is truncated or damaged"):
        run(path)

    assert snapshot() == imported


def test_the_profile_says_who_employs_them_and_where_they_are_most_common(client, imported):
    make_occupation("43-4051.00", "Customer Service Representatives")
    make_occupation("47-2111.00", "Electricians")

    found = industries_of("43-4051")
    assert [(row.title, round(row.share, 1)) for row in found.employers] == [
        ("Finance and Insurance", 18.5),  # of the occupation's 2,595,750 jobs
        ("Retail Trade", 15.9),
    ]
    assert [row.title for row in found.most_common] == ["Business Support Services"]
    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()
    assert "Who employs them" in html
    assert '<td class="num">18.5%</td>' in html
    assert "Where it is most common" in html
    assert '<td class="num">33.0%</td>' in html
    assert "$36,770" in html
    # No rows: no block.
    other = client.get(reverse("career_detail", args=["47-2111.00"])).content.decode()
    assert 'id="industries"' not in other


@pytest.mark.shared_data
def test_the_shared_file_gives_customer_service_its_industries():
    run(shared_path("bls/oews_may2025_national_industries.csv.gz"))

    assert IndustryEstimate.objects.count() == 82_592
    found = industries_of("43-4051")
    assert [(row.title, f"{row.share:.1f}") for row in found.employers[:3]] == [
        ("Finance and Insurance", "18.5"),
        ("Retail Trade", "15.9"),
        ("Administrative and Support and Waste Management and Remediation Services", "14.4"),
    ]
    assert found.most_common[0].title == "Business Support Services"
    assert f"{found.most_common[0].share:.1f}" == "33.0"
