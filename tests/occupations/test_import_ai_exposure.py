from __future__ import annotations

import csv
import gzip
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from occupations.models import AiExposure, DataRelease
from tests.factories import make_occupation
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

HEADER = [
    "O*NET-SOC Code",
    "Title",
    "dv_rating_alpha",
    "dv_rating_beta",
    "dv_rating_gamma",
    "human_rating_alpha",
    "human_rating_beta",
    "human_rating_gamma",
]
CSR = [
    "43-4051.00",
    "Customer Service Representatives",
    "0.5",
    "0.7",
    "0.9",
    "0.55",
    "0.7045",
    "0.86",
]
NURSE = [
    "29-1141.00",
    "Registered Nurses",
    "0.1",
    "0.2",
    "0.3",
    "0.12",
    "0.2400000000000001",
    "0.4",
]


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.getvalue().encode()))
    else:
        path.write_text(text.getvalue())
    return path


def run(source: Path | str) -> str:
    out = io.StringIO()
    call_command("import_ai_exposure", str(source), stdout=out)
    return out.getvalue()


def snapshot() -> tuple[list, int]:
    return list(AiExposure.objects.order_by("code").values_list()), DataRelease.objects.count()


@pytest.fixture
def imported(tmp_path: Path) -> tuple[list, int]:
    run(write(tmp_path / "occ_level.csv", [CSR, NURSE]))
    return snapshot()


@pytest.mark.parametrize("name", ["occ_level.csv", "occ_level.csv.gz"])
def test_it_imports_each_occupation_with_its_shares(tmp_path, name):
    out = run(write(tmp_path / name, [CSR, NURSE]))

    csr = AiExposure.objects.get(code="43-4051.00")
    assert (csr.human_alpha, csr.human_beta, csr.human_gamma) == (
        Decimal("0.5500"),
        Decimal("0.7045"),
        Decimal("0.8600"),
    )
    assert csr.model_beta == Decimal("0.7000")
    assert csr.score == 70
    assert AiExposure.objects.get(code="29-1141.00").human_beta == Decimal("0.2400")
    release = DataRelease.objects.get(source=DataRelease.Source.AI_EXPOSURE)
    assert release.counts["created"] == 2
    assert "2 rows read" in out
    assert "2 created" in out


def test_a_second_run_changes_nothing_and_a_new_file_syncs(tmp_path, imported):
    out = run(write(tmp_path / "occ_level.csv", [CSR, NURSE]))
    assert "Nothing changed" in out
    assert snapshot() == imported

    changed = [*CSR[:6], "0.8", CSR[7]]
    run(write(tmp_path / "occ_level.csv", [changed]))
    assert list(AiExposure.objects.values_list("code", "human_beta")) == [
        ("43-4051.00", Decimal("0.8000"))
    ]
    assert DataRelease.objects.filter(source=DataRelease.Source.AI_EXPOSURE).count() == 2


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([CSR], HEADER[:-1], r"occ_level\.csv, line 1: missing column\(s\) 'human_rating_gamma'"),
        ([["43-4051", *CSR[1:]]], HEADER, r"line 2: 'O\*NET-SOC Code' '43-4051' is not an O\*NET"),
        ([[*CSR[:6], "lots", CSR[7]]], HEADER, r"line 2: 'human_rating_beta' is not a number"),
        ([[*CSR[:6], "1.7", CSR[7]]], HEADER, r"line 2: 'human_rating_beta' is not a share from 0"),
        ([CSR, NURSE, CSR], HEADER, r"line 4: repeats 43-4051\.00 \(first on line 2\)"),
        ([], HEADER, r"occ_level\.csv: has a header but no occupations"),
    ],
)
def test_a_bad_file_changes_nothing_and_says_where(tmp_path, imported, rows, header, message):
    with pytest.raises(CommandError, match=r"^Import failed, nothing was changed\. .*" + message):
        run(write(tmp_path / "occ_level.csv", rows, header))

    assert snapshot() == imported


def test_a_truncated_file_changes_nothing(tmp_path, imported):
    path = write(tmp_path / "occ_level.csv.gz", [CSR, NURSE] * 1)
    path.write_bytes(path.read_bytes()[:-12])

    with pytest.raises(CommandError, match=r"occ_level\.csv\.gz: is truncated or damaged"):
        run(path)

    assert snapshot() == imported


def test_the_profile_shows_the_exposure_with_its_meaning_and_citation(client, tmp_path):
    make_occupation("43-4051.00", "Customer Service Representatives")
    make_occupation("15-1252.00", "Software Developers")
    run(write(tmp_path / "occ_level.csv", [CSR]))

    html = client.get(reverse("career_detail", args=["43-4051.00"])).content.decode()

    assert '<h2 id="ai-exposure-title">AI exposure</h2>' in html
    assert "<strong>70</strong> <span" in html
    assert "at least half at the same quality" in html
    assert "Exposure is not the same as job loss." in html
    assert "Eloundou, Manning, Mishkin &amp; Rock" in html
    assert "MIT licence" in html
    # No score: no block at all, never a 0.
    other = client.get(reverse("career_detail", args=["15-1252.00"])).content.decode()
    assert "ai-exposure" not in other


@pytest.mark.shared_data
def test_the_shared_file_imports():
    run(shared_path("ai/gpts_are_gpts_occ_level.csv"))

    assert AiExposure.objects.count() == 923
    assert AiExposure.objects.get(code="43-4051.00").score == 70


def test_the_career_browser_filters_and_sorts_by_ai_exposure(client, tmp_path):
    make_occupation("43-4051.00", "Customer Service Representatives")
    make_occupation("29-1141.00", "Registered Nurses")
    make_occupation("47-2111.00", "Electricians")  # not rated by the paper
    run(write(tmp_path / "occ_level.csv", [CSR, NURSE]))

    def titles(**query):
        html = client.get(reverse("career_list"), query).content.decode()
        return re.findall(r'<h2 class="result-title"><a href="[^"]+">([^<]+)</a>', html), html

    low, html = titles(sort="ai_low")
    assert low == ["Registered Nurses", "Customer Service Representatives", "Electricians"]
    assert "AI exposure 24 / 100" in html
    assert titles(sort="ai_high")[0][:2] == [
        "Customer Service Representatives",
        "Registered Nurses",
    ]
    # At most 25: the nurses (24); no score is not "at most" anything.
    assert titles(ai="25")[0] == ["Registered Nurses"]
    assert titles(ai="75")[0] == ["Customer Service Representatives", "Registered Nurses"]
    response = client.get(reverse("career_list"), {"ai": "99"})
    assert response.status_code == 400
    assert "AI exposure must be one of the listed choices." in response.content.decode()
