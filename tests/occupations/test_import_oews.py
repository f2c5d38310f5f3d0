from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connections

from occupations import oews_import as oews_import_module
from occupations import oews_release
from occupations.management.commands.import_oews import Command
from occupations.models import Area, DataRelease, WageEstimate
from occupations.oews_import import oews_import
from occupations.oews_release import parse_release
from occupations.sources import open_release
from tests.occupations.oews_files import (
    COLUMNS,
    HOUSTON,
    TEXAS,
    csv_bytes,
    oews_row,
    sample_rows,
    write_csv,
    write_csv_gz,
    write_xlsx,
    write_zip,
)
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db


def run(source: Path | str, *args: str) -> str:
    out = io.StringIO()
    call_command("import_oews", str(source), *args, stdout=out)
    return out.getvalue()


def snapshot() -> tuple[list, list, int]:
    """Everything an import may change, to show that a failed one changed nothing."""
    areas = list(Area.objects.order_by("id").values_list())
    estimates = list(WageEstimate.objects.order_by("area__code", "soc_code").values_list())
    return areas, estimates, DataRelease.objects.count()


def wage(area: dict[str, str], soc_code: str = "43-4051") -> WageEstimate:
    return WageEstimate.objects.get(
        area__area_type=int(area["AREA_TYPE"]), area__code=area["AREA"], soc_code=soc_code
    )


@pytest.fixture
def imported(tmp_path: Path) -> tuple:
    run(write_csv(tmp_path / "oews_may2025.csv", sample_rows()))
    return snapshot()


def test_it_imports_national_state_and_metro_estimates(tmp_path):
    output = run(write_csv(tmp_path / "oews_may2025.csv", sample_rows()))

    assert set(Area.objects.values_list("area_type", "code", "title", "primary_state")) == {
        (1, "99", "National", "US"),
        (2, "48", "Texas", "TX"),
        (4, "26420", "Houston-Pasadena-The Woodlands, TX", "TX"),
    }
    national = WageEstimate.objects.get(area__area_type=1, soc_code="43-4051")
    assert national.occupation_title == "Customer Service Representatives"
    assert national.annual_median == 44770
    assert national.hourly_median == Decimal("21.53")
    assert national.employment == 2595750
    assert national.jobs_per_1000 is None
    assert wage(TEXAS).employment == 337170
    assert wage(TEXAS).location_quotient == 1.13
    assert wage(HOUSTON).employment_rse is None
    assert WageEstimate.objects.get(soc_code="00-0000").group == "total"
    assert WageEstimate.objects.count() == 6
    assert "6 rows read, 9 created, 0 updated, 0 deleted, 0 unchanged, 0 skipped" in output
    assert "OEWS May 2025" in output


def test_it_stores_top_coded_wages_as_empty_and_says_which(tmp_path):
    run(write_csv(tmp_path / "oews.csv", sample_rows()))

    chief = WageEstimate.objects.get(soc_code="11-1011")
    assert chief.annual_p90 is None
    assert chief.annual_p75 is None
    assert chief.is_top_coded("annual_p90")
    assert chief.top_coded == ["annual_p75", "annual_p90"]
    assert chief.hourly_median is None
    assert not chief.is_top_coded("hourly_median")
    assert chief.annual_mean == 262930
    assert not WageEstimate.objects.filter(annual_p90=0).exists()


def test_it_records_the_release_it_imported(tmp_path):
    run(write_csv(tmp_path / "oews_may2025_all_areas.csv", sample_rows()))

    release = DataRelease.objects.get()
    assert release.source == DataRelease.Source.OEWS
    assert release.version == "May 2025"
    assert release.file_format == "csv"
    assert release.location.endswith("oews_may2025_all_areas.csv")
    assert release.files["oews_may2025_all_areas.csv"]["rows"] == 6
    assert len(release.files["oews_may2025_all_areas.csv"]["sha256"]) == 64
    assert release.counts == {
        "rows_read": 6,
        "rows_skipped": 0,
        "created": 9,
        "updated": 0,
        "deleted": 0,
        "unchanged": 0,
    }


def test_the_version_can_be_given_when_the_name_does_not_tell(tmp_path):
    run(write_csv(tmp_path / "wages.csv", sample_rows()), "--release-version", "May 2025")

    assert DataRelease.objects.get().version == "May 2025"


def test_a_second_run_of_the_same_release_changes_nothing(tmp_path, imported):
    output = run(tmp_path / "oews_may2025.csv")

    assert "0 created, 0 updated, 0 deleted, 9 unchanged" in output
    assert "Nothing changed" in output
    assert snapshot() == imported


def test_a_changed_value_is_updated(tmp_path, imported):
    rows = sample_rows()
    rows[4]["A_MEDIAN"] = "45,120"  # Texas
    rows[3]["A_PCT75"] = "230000"  # no longer top-coded

    output = run(write_csv(tmp_path / "oews_may2026.csv", rows))

    assert "0 created, 2 updated, 0 deleted, 7 unchanged" in output
    assert wage(TEXAS).annual_median == 45120
    chief = WageEstimate.objects.get(area__area_type=1, soc_code="11-1011")
    assert chief.annual_p75 == 230000
    assert chief.top_coded == ["annual_p90"]
    assert WageEstimate.objects.count() == 6
    assert DataRelease.objects.count() == 2
    assert DataRelease.objects.latest().counts["updated"] == 2


def test_rows_missing_from_a_new_release_are_deleted(tmp_path, imported):
    rows = [row for row in sample_rows() if row["AREA"] != HOUSTON["AREA"]]
    rows = [row for row in rows if row["OCC_CODE"] != "11-1011"]

    output = run(write_csv(tmp_path / "oews_may2026.csv", rows))

    # Houston's one estimate and the area itself, and the national chief executives.
    assert "0 created, 0 updated, 3 deleted, 6 unchanged" in output
    assert not Area.objects.filter(code=HOUSTON["AREA"]).exists()
    assert not WageEstimate.objects.filter(soc_code="11-1011").exists()
    assert WageEstimate.objects.count() == 4


def test_it_reads_a_gzipped_csv(tmp_path):
    run(write_csv_gz(tmp_path / "oews_may2025_all_areas.csv.gz", sample_rows()))

    assert wage(TEXAS).employment == 337170
    assert DataRelease.objects.get().file_format == "csv.gz"


def test_it_reads_the_official_zip_with_every_industry(tmp_path, imported):
    rows = [
        *sample_rows(),
        oews_row(NAICS="541511", NAICS_TITLE="Custom Computer Programming Services"),
        oews_row(TEXAS, NAICS="000001", NAICS_TITLE="Cross-industry, private ownership only"),
    ]
    for row in rows:
        row.update(I_GROUP="cross-industry", OWN_CODE="1235", PCT_TOTAL="", PCT_RPT="")
    workbook = write_xlsx(tmp_path / "all_data_M_2025.xlsx", rows, lower_case=True, extra=True)
    archive = write_zip(
        tmp_path / "oesm25all.zip", "oesm25all/all_data_M_2025.xlsx", workbook.read_bytes()
    )

    output = run(archive)

    # Same figures as the CSV extract: nothing to change.
    assert "8 rows read, 0 created, 0 updated, 0 deleted, 9 unchanged, 2 skipped" in output
    assert "Skipped: 2 industry-specific rows" in output
    assert snapshot() == imported


def test_it_reads_a_zipped_csv(tmp_path):
    run(write_zip(tmp_path / "oews.zip", "oews_may2025.csv", csv_bytes(sample_rows())))

    assert wage(TEXAS).employment == 337170
    assert DataRelease.objects.get().version == "May 2025"


def test_it_shows_progress_and_a_summary(tmp_path, monkeypatch):
    monkeypatch.setattr(oews_release, "REPORT_EVERY", 3)

    output = run(write_csv(tmp_path / "oews.csv", sample_rows()))

    assert "3 rows read" in output
    assert "6 rows read, 0 skipped" in output
    assert "areas" in output
    assert "wage estimates" in output
    assert "+6 ~0 -0" in output


def test_the_service_reports_counts_per_table(tmp_path):
    with open_release(write_csv(tmp_path / "oews.csv", sample_rows())) as release:
        parsed = parse_release(release, version="May 2025")
    steps: list[str] = []

    summary = oews_import(parsed=parsed, on_step=lambda name, counts: steps.append(name))

    assert steps == ["areas", "wage estimates"]
    assert summary.tables["areas"].created == 3
    assert summary.tables["wage estimates"].created == 6
    assert summary.release == DataRelease.objects.get()
    again = oews_import(parsed=parsed)
    assert again.release is None
    assert again.total().changed == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.csv.gz", r"missing\.csv\.gz: no such file"),
        (
            lambda tmp: write_csv(tmp / "bad.csv", [oews_row()], COLUMNS[:-1]),
            r"bad\.csv, line 1: missing column\(s\) 'A_PCT90'",
        ),
        (
            lambda tmp: write_csv(tmp / "bad.csv", [oews_row(), oews_row(TEXAS, A_MEDIAN="abc")]),
            r"bad\.csv, line 3: 'A_MEDIAN' is not a number: 'abc'",
        ),
        (
            lambda tmp: write_csv(tmp / "bad.csv", [oews_row(AREA_TYPE="7")]),
            r"bad\.csv, line 2: unknown 'AREA_TYPE' '7'",
        ),
        (
            lambda tmp: write_csv(tmp / "bad.csv", [oews_row(OCC_CODE="43-405")]),
            r"bad\.csv, line 2: 'OCC_CODE' '43-405' is not a SOC code",
        ),
    ],
)
def test_a_bad_release_changes_nothing_and_says_where(tmp_path, imported, make, message):
    failed = r"^Import failed, nothing was changed\. (.*/)?"
    with pytest.raises(CommandError, match=failed + message):
        run(make(tmp_path))

    assert snapshot() == imported


def test_a_truncated_gzip_changes_nothing(tmp_path, imported):
    rows = [oews_row(TEXAS, OCC_CODE=f"43-{number:04d}") for number in range(2000)]
    whole = write_csv_gz(tmp_path / "oews_may2026.csv.gz", rows).read_bytes()
    path = tmp_path / "oews_may2026.csv.gz"
    path.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(CommandError, match=r"oews_may2026\.csv\.gz: is truncated or damaged"):
        run(path)

    assert snapshot() == imported


def test_a_truncated_zip_changes_nothing(tmp_path, imported):
    whole = write_zip(tmp_path / "oesm26all.zip", "all_data_M_2026.csv", csv_bytes(sample_rows()))
    whole.write_bytes(whole.read_bytes()[:-40])

    with pytest.raises(CommandError, match=r"oesm26all\.zip: is not a readable zip file"):
        run(whole)

    assert snapshot() == imported


def test_a_failure_while_writing_rolls_everything_back(tmp_path, imported, monkeypatch):
    def fail(records: object) -> int:
        raise DatabaseError("database or disk is full")

    monkeypatch.setattr(oews_import_module, "_insert_estimates", fail)
    rows = [row for row in sample_rows() if row["AREA"] != HOUSTON["AREA"]]
    rows[0]["A_MEDIAN"] = "1"

    with pytest.raises(CommandError, match=r"nothing was changed\. The database refused it: data"):
        run(write_csv(tmp_path / "oews_may2026.csv", rows))

    assert snapshot() == imported


def test_from_the_shell_an_error_is_one_line_on_stderr(tmp_path, capsys, monkeypatch):
    # run_from_argv closes every connection when done, which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "import_oews", str(tmp_path / "nope.csv")])

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "CommandError: Import failed, nothing was changed." in err
    assert "nope.csv: no such file" in err
    assert "Traceback" not in err


@pytest.mark.shared_data
def test_the_full_may_2025_release_imports():
    # The one lookup of ../shared (SHARED_DATA; fails under REQUIRE_SHARED_DATA=1).
    run(shared_path("bls/oews_may2025_all_areas.csv.gz"))

    national = WageEstimate.objects.get(area__area_type=1, soc_code="43-4051")
    assert national.annual_median == 44770
    texas = WageEstimate.objects.get(area__area_type=2, area__title="Texas", soc_code="43-4051")
    assert texas.employment == 337170
    assert WageEstimate.objects.count() == 236_799
    assert DataRelease.objects.get().version == "May 2025"
