from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from occupations.projections_release import parse_release
from occupations.sources import ReleaseError, open_release
from tests.occupations.projections_data import (
    DASH,
    HEADER,
    customer_service,
    row,
    sample_rows,
    total_row,
    write_workbook,
)


def parse(path: Path):
    with open_release(path) as release:
        return parse_release(release)


def test_it_reads_every_row_of_table_1_2_below_the_title_and_header(tmp_path):
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx"))

    assert list(parsed.records) == [
        "00-0000",
        "43-0000",
        "43-4051",
        "11-1011",
        "13-1020",
        "25-2050",
    ]
    record = parsed.records["43-4051"]
    assert record.line == 5  # title on 1, header on 2, total on 3
    assert record.title == "Customer service representatives"
    assert record.occupation_type == "Line item"
    assert record.employment_base == Decimal("2814.0")
    assert record.employment_projected == Decimal("2660.3")
    assert record.change_number == Decimal("-153.7")
    assert record.change_percent == Decimal("-5.5")
    assert record.self_employed_percent == Decimal("0.8")
    assert record.openings == Decimal("341.7")
    assert record.median_wage == 42830
    assert record.education == "High school diploma or equivalent"
    assert record.work_experience == "None"
    assert record.job_training == "Short-term on-the-job training"


def test_it_tells_the_years_and_version_from_the_header(tmp_path):
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx"))

    assert (parsed.base_year, parsed.projected_year) == (2024, 2034)
    assert parsed.version == "2024–2034"


def test_a_dash_means_not_available_never_zero(tmp_path):
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx"))

    total = parsed.records["00-0000"]
    assert (total.education, total.work_experience, total.job_training) == ("", "", "")
    chief = parsed.records["11-1011"]
    assert chief.self_employed_percent is None


def test_a_wage_above_the_top_code_is_flagged_not_stored_as_a_number(tmp_path):
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx"))

    chief = parsed.records["11-1011"]
    assert chief.median_wage is None
    assert chief.median_wage_top_coded is True
    assert parsed.records["43-4051"].median_wage_top_coded is False


def test_footnote_rows_below_the_table_are_skipped_and_counted(tmp_path):
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx"))

    assert parsed.rows_read == 10
    assert parsed.rows_skipped == 4
    assert parsed.skipped == ["4 footnote rows below the table"]


def test_it_records_the_file_checksum_and_row_count(tmp_path):
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx"))

    assert parsed.files["occupation.xlsx"]["rows"] == 10
    assert len(parsed.files["occupation.xlsx"]["sha256"]) == 64
    assert parsed.file_format == "excel"


def test_a_workbook_without_table_1_2_names_the_sheets_it_has(tmp_path):
    path = write_workbook(tmp_path / "occupation.xlsx", sheet="Table 1.10")

    with pytest.raises(ReleaseError) as raised:
        parse(path)

    assert str(raised.value) == (
        "occupation.xlsx: has no sheet 'Table 1.2'; found 'Index', 'Table 1.10'"
    )


def test_a_sheet_without_its_header_row_says_so_on_line_2(tmp_path):
    path = write_workbook(tmp_path / "occupation.xlsx", with_header=False)

    with pytest.raises(ReleaseError) as raised:
        parse(path)

    message = str(raised.value)
    assert message.startswith("occupation.xlsx, line 2: is not the projections header: no column")
    assert "'Total, all occupations'" in message


def test_a_missing_column_is_named(tmp_path):
    header = [name for name in HEADER if not name.startswith("Occupational openings")]
    rows = [cells[:10] + cells[11:] for cells in sample_rows()]
    path = write_workbook(tmp_path / "occupation.xlsx", rows, header=header)

    with pytest.raises(ReleaseError, match=r"line 2: .*no column for openings;"):
        parse(path)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (row("Bad", "43-4051", percent="n.a."), "line 4: 'Employment change, percent, 2024–34' is"),
        (row("Bad", "43-4051", base="2,8x4"), "line 4: 'Employment, 2024' is not a number"),
        (row("Bad", "43-4051", wage="lots"), "line 4: 'Median annual wage, dollars, 2024[1]' is"),
        (row("Bad", "434051"), "line 4: '2024 National Employment Matrix code' '434051' is not"),
        (row("Bad", "43-4051", "Detail"), "line 4: 'Occupation type' is 'Detail', expected"),
        (row("Bad", "43-4051", self_employed=140.0), "line 4: 'Percent self employed, 2024' is"),
        (row("Bad", "43-4051", base=""), "line 4: 'Employment, 2024' is empty"),
    ],
)
def test_a_bad_value_is_reported_with_file_line_and_column(tmp_path, cells, message):
    path = write_workbook(tmp_path / "occupation.xlsx", [total_row(), cells])

    with pytest.raises(ReleaseError) as raised:
        parse(path)

    assert str(raised.value).startswith(f"occupation.xlsx, {message}")


def test_a_repeated_code_is_refused(tmp_path):
    path = write_workbook(
        tmp_path / "occupation.xlsx", [total_row(), customer_service(), customer_service()]
    )

    with pytest.raises(
        ReleaseError, match=r"line 5: repeats matrix code 43-4051 \(first on line 4"
    ):
        parse(path)


def test_a_table_without_the_all_occupations_row_is_refused(tmp_path):
    path = write_workbook(tmp_path / "occupation.xlsx", [customer_service()])

    with pytest.raises(ReleaseError, match=r"has no 'Total, all occupations' row \(00-0000\)"):
        parse(path)


def test_a_truncated_workbook_is_reported_as_such(tmp_path):
    path = write_workbook(tmp_path / "occupation.xlsx")
    path.write_bytes(path.read_bytes()[:-200])

    with pytest.raises(ReleaseError, match=r"occupation\.xlsx: is not a readable Excel workbook"):
        parse(path)


def test_a_csv_is_not_taken_for_the_workbook(tmp_path):
    path = tmp_path / "occupation.csv"
    path.write_text("a,b\n1,2\n")

    with pytest.raises(ReleaseError, match=r"occupation\.csv: is not an Excel workbook"):
        parse(path)


def test_a_dash_in_every_number_column_is_accepted(tmp_path):
    cells = row(
        "Unknown", "99-9999", base=DASH, projected=DASH, change=DASH, percent=DASH, wage=DASH
    )
    parsed = parse(write_workbook(tmp_path / "occupation.xlsx", [total_row(), cells]))

    record = parsed.records["99-9999"]
    assert record.employment_base is None
    assert record.change_percent is None
    assert record.median_wage is None
    assert record.median_wage_top_coded is False
