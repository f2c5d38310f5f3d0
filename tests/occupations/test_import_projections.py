from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from occupations import bulk
from occupations.models import DataRelease, Occupation, Projection, WageEstimate
from occupations.projections import outlook_for_soc
from occupations.projections_import import projections_import
from occupations.projections_release import parse_release
from occupations.sources import open_release
from tests.factories import make_occupation, make_wage
from tests.occupations.projections_data import (
    customer_service,
    row,
    total_row,
    write_workbook,
)
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db


def run(source: Path | str, command: str = "import_projections", *args: str) -> str:
    out = io.StringIO()
    call_command(command, str(source), *args, stdout=out)
    return out.getvalue()


def snapshot() -> tuple[list, int]:
    """Everything an import may change, to show that a failed one changed nothing."""
    return list(Projection.objects.order_by("code").values_list()), DataRelease.objects.count()


@pytest.fixture
def imported(tmp_path: Path) -> tuple[list, int]:
    run(write_workbook(tmp_path / "occupation.xlsx"))
    return snapshot()


def test_it_imports_every_matrix_row(tmp_path):
    run(write_workbook(tmp_path / "occupation.xlsx"))

    assert Projection.objects.count() == 6
    cs = Projection.objects.get(code="43-4051")
    assert cs.title == "Customer service representatives"
    assert cs.occupation_type == Projection.Type.LINE_ITEM
    assert (cs.base_year, cs.projected_year) == (2024, 2034)
    assert (cs.employment_base, cs.employment_projected) == (Decimal("2814.0"), Decimal("2660.3"))
    assert (cs.change_number, cs.change_percent) == (Decimal("-153.7"), Decimal("-5.5"))
    assert cs.openings == Decimal("341.7")
    assert cs.self_employed_percent == Decimal("0.8")
    assert cs.median_wage == 42830
    assert cs.education == "High school diploma or equivalent"
    assert Projection.objects.get(code="00-0000").occupation_type == Projection.Type.SUMMARY


def test_dashes_are_stored_as_not_available(tmp_path):
    run(write_workbook(tmp_path / "occupation.xlsx"))

    chief = Projection.objects.get(code="11-1011")
    assert chief.self_employed_percent is None
    assert chief.median_wage is None
    assert chief.median_wage_top_coded is True
    assert Projection.objects.get(code="00-0000").education == ""


def test_it_records_the_release_it_imported(tmp_path):
    run(write_workbook(tmp_path / "occupation.xlsx"))

    release = DataRelease.objects.get()
    assert release.source == DataRelease.Source.PROJECTIONS
    assert release.version == "2024–2034"
    assert release.file_format == "excel"
    assert release.location.endswith("occupation.xlsx")
    assert release.files["occupation.xlsx"]["rows"] == 10
    assert release.counts["created"] == 6
    assert release.skipped == ["4 footnote rows below the table"]


def test_it_shows_progress_and_a_summary(tmp_path):
    output = run(write_workbook(tmp_path / "occupation.xlsx"))

    assert "Reading Employment Projections" in output
    assert "10 rows read, 4 skipped" in output
    assert "1/1 projections" in output
    assert "+6 ~0 -0" in output
    assert "Skipped: 4 footnote rows below the table" in output
    assert (
        "Employment Projections 2024–2034: 10 rows read, 6 created, 0 updated, 0 deleted, "
        "0 unchanged, 4 skipped" in output
    )


def test_a_second_run_of_the_same_release_changes_nothing(tmp_path, imported):
    output = run(write_workbook(tmp_path / "occupation.xlsx"))

    assert "0 created, 0 updated, 0 deleted, 6 unchanged" in output
    assert "Nothing changed" in output
    assert snapshot() == imported


def test_a_changed_value_is_updated_and_a_dropped_row_deleted(tmp_path, imported):
    rows = [total_row(), row("Customer service representatives", "43-4051", percent=-6.0)]

    output = run(write_workbook(tmp_path / "occupation.xlsx", rows))

    assert "0 created, 1 updated, 4 deleted, 1 unchanged" in output
    assert Projection.objects.get(code="43-4051").change_percent == Decimal("-6.0")
    assert set(Projection.objects.values_list("code", flat=True)) == {"00-0000", "43-4051"}
    assert DataRelease.objects.count() == 2


def test_the_service_reports_counts(tmp_path):
    with open_release(write_workbook(tmp_path / "occupation.xlsx")) as release:
        parsed = parse_release(release)
    seen: list[str] = []

    summary = projections_import(parsed=parsed, on_step=lambda name, counts: seen.append(name))

    assert seen == ["projections"]
    assert summary.tables["projections"].created == 6
    assert summary.release is not None
    assert summary.version == "2024–2034"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda tmp: write_workbook(tmp / "occupation.xlsx", sheet="Table 1.3"),
            r"occupation\.xlsx: has no sheet 'Table 1\.2'; found 'Index', 'Table 1\.3'",
        ),
        (
            lambda tmp: write_workbook(tmp / "occupation.xlsx", with_header=False),
            r"occupation\.xlsx, line 2: is not the projections header",
        ),
        (
            lambda tmp: write_workbook(
                tmp / "occupation.xlsx", [total_row(), row("Bad", "43-4051", openings="lots")]
            ),
            r"occupation\.xlsx, line 4: 'Occupational openings, 2024–34 annual average' is not",
        ),
        (
            lambda tmp: write_workbook(tmp / "occupation.xlsx", [customer_service()]),
            r"occupation\.xlsx: has no 'Total, all occupations' row",
        ),
    ],
)
def test_a_bad_workbook_changes_nothing_and_says_where(tmp_path, imported, make, message):
    failed = r"^Import failed, nothing was changed\. "
    with pytest.raises(CommandError, match=failed + message):
        run(make(tmp_path))

    assert snapshot() == imported


def test_a_truncated_workbook_changes_nothing(tmp_path, imported):
    path = write_workbook(tmp_path / "occupation.xlsx", [total_row(percent=9.9)])
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])

    with pytest.raises(CommandError, match=r"occupation\.xlsx: is not a readable Excel workbook"):
        run(path)

    assert snapshot() == imported


def test_a_failure_while_writing_rolls_everything_back(tmp_path, imported, monkeypatch):
    def fail(*args: object) -> int:
        raise DatabaseError("database or disk is full")

    monkeypatch.setattr(bulk, "insert_rows", fail)
    rows = [total_row(percent=9.9), customer_service()]

    with pytest.raises(CommandError, match=r"nothing was changed\. The database refused it"):
        run(write_workbook(tmp_path / "occupation.xlsx", rows))

    assert snapshot() == imported


def test_ensure_data_imports_the_projections_only_when_there_are_none(tmp_path):
    make_wage("43-4051")
    make_occupation("43-4051.00", "Customer Service Representatives")
    workbook = str(write_workbook(tmp_path / "occupation.xlsx"))
    exposure = tmp_path / "occ_level.csv"
    exposure.write_text(
        "O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,human_rating_alpha,"
        "human_rating_beta,human_rating_gamma\n43-4051.00,CSR,0.5,0.7,0.9,0.55,0.7045,0.86\n"
    )
    industries = tmp_path / "industries.csv"
    industries.write_text(
        "NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,O_GROUP,TOT_EMP,PCT_TOTAL,A_MEDIAN\n"
        "52,Finance and Insurance,sector,5,43-4051,detailed,481180,7.66,47550\n"
    )
    out = io.StringIO()

    for _ in range(2):
        call_command(
            "ensure_data",
            "--projections",
            workbook,
            "--ai-exposure",
            str(exposure),
            "--oews-industries",
            str(industries),
            stdout=out,
        )

    assert Occupation.objects.count() == 1
    assert WageEstimate.objects.count() == 1
    assert DataRelease.objects.filter(source=DataRelease.Source.PROJECTIONS).count() == 1
    assert "Employment Projections present; not importing them again." in out.getvalue()
    assert "AI exposure present; not importing it again." in out.getvalue()


@pytest.mark.shared_data
def test_the_full_2024_2034_workbook_imports():
    path = shared_path("bls/projections/occupation.xlsx")

    output = run(path)

    assert "1,117 rows read, 1,113 created" in output
    assert Projection.objects.filter(occupation_type=Projection.Type.LINE_ITEM).count() == 832
    assert Projection.objects.filter(occupation_type=Projection.Type.SUMMARY).count() == 281
    outlook = outlook_for_soc("43-4051")
    assert outlook is not None
    assert outlook.percent == Decimal("-5.5")
    assert outlook.openings == Decimal("341.7")
    assert outlook.label is not None
    assert outlook.label.text == "Declining"
    assert outlook.projection.education == "High school diploma or equivalent"
    assert DataRelease.objects.get().version == "2024–2034"
    assert "0 created, 0 updated, 0 deleted, 1,113 unchanged" in run(path)
