from __future__ import annotations

from decimal import Decimal

import pytest

from occupations import oews_release
from occupations.oews_release import (
    VALUE_FIELDS,
    EstimateRecord,
    ParsedRelease,
    parse_release,
    parse_rows,
    release_version,
)
from occupations.sources import ReleaseError, open_release
from tests.occupations.oews_files import (
    HOUSTON,
    TEXAS,
    chief_executives,
    oews_row,
    sample_rows,
    write_csv,
    write_xlsx,
)


def parse(rows: list[dict[str, object]], **options: object) -> ParsedRelease:
    parsed = ParsedRelease(version="", file_format="csv", location="test.csv")
    parse_rows(enumerate(rows, start=2), parsed, file="test.csv", **options)
    return parsed


def value(record: EstimateRecord, name: str) -> object:
    return record.values[VALUE_FIELDS.index(name)]


def estimate(parsed: ParsedRelease, area: tuple[int, str], soc_code: str) -> EstimateRecord:
    return parsed.estimates[(area, soc_code)]


def test_it_reads_national_state_and_metro_rows():
    parsed = parse(sample_rows())

    assert parsed.rows_read == 6
    assert parsed.rows_skipped == 0
    assert sorted(parsed.areas) == [(1, "99"), (2, "48"), (4, "26420")]
    houston = parsed.areas[(4, "26420")]
    assert (houston.title, houston.primary_state) == ("Houston-Pasadena-The Woodlands, TX", "TX")
    national = estimate(parsed, (1, "99"), "43-4051")
    assert national.occupation_title == "Customer Service Representatives"
    assert national.group == "detailed"
    assert value(national, "annual_median") == 44770
    assert value(national, "hourly_median") == Decimal("21.53")
    assert value(national, "employment_rse") == 0.4
    assert estimate(parsed, (1, "99"), "00-0000").group == "total"
    assert estimate(parsed, (1, "99"), "43-0000").group == "major"


def test_it_reads_numbers_with_thousands_separators():
    parsed = parse(sample_rows())

    assert value(estimate(parsed, (2, "48"), "43-4051"), "employment") == 337170
    assert value(estimate(parsed, (1, "99"), "11-1011"), "annual_mean") == 262930


def test_it_keeps_missing_values_empty_never_zero():
    parsed = parse(sample_rows())

    houston = estimate(parsed, (4, "26420"), "43-4051")
    assert value(houston, "employment_rse") is None  # **
    assert value(houston, "location_quotient") is None  # ~
    national = estimate(parsed, (1, "99"), "43-4051")
    assert value(national, "jobs_per_1000") is None  # *
    assert national.top_coded == ()


def test_it_marks_top_coded_wages_and_leaves_them_empty():
    chief = estimate(parse([chief_executives()]), (1, "99"), "11-1011")

    assert chief.top_coded == ("annual_p75", "annual_p90")
    assert value(chief, "annual_p75") is None
    assert value(chief, "annual_p90") is None
    assert value(chief, "hourly_median") is None
    assert value(chief, "annual_p25") == 36870


def test_it_reads_numeric_cells_as_excel_gives_them():
    row: dict[str, object] = oews_row(TEXAS, TOT_EMP=337170.0, H_MEDIAN=21.5, A_MEDIAN=44770)
    row["AREA_TYPE"] = 2

    record = estimate(parse([row]), (2, "48"), "43-4051")

    assert value(record, "employment") == 337170
    assert value(record, "hourly_median") == Decimal("21.50")
    assert value(record, "annual_median") == 44770


def test_it_keeps_only_cross_industry_rows():
    rows = [
        oews_row(),
        oews_row(NAICS="000001", NAICS_TITLE="Cross-industry, private ownership only"),
        oews_row(NAICS="541511", NAICS_TITLE="Custom Computer Programming Services"),
    ]

    parsed = parse(rows)

    assert list(parsed.estimates) == [((1, "99"), "43-4051")]
    assert parsed.rows_read == 3
    assert parsed.rows_skipped == 2
    assert parsed.skipped == ["2 industry-specific rows (only cross-industry rows are kept)"]


def test_it_skips_footnote_lines_below_the_data():
    note = dict.fromkeys(oews_row(), "")
    note["AREA"] = "Footnotes: estimates do not include self-employed workers."

    parsed = parse([oews_row(), note])

    assert len(parsed.estimates) == 1
    assert parsed.rows_skipped == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"AREA_TYPE": "5"}, "test.csv, line 3: unknown 'AREA_TYPE' '5'"),
        ({"AREA_TYPE": "state"}, "test.csv, line 3: unknown 'AREA_TYPE' 'state'"),
        ({"OCC_CODE": "434051"}, "test.csv, line 3: 'OCC_CODE' '434051' is not a SOC code"),
        ({"OCC_CODE": "43-4051.00"}, "test.csv, line 3: 'OCC_CODE' '43-4051.00' is not a SOC"),
        ({"A_MEDIAN": "n.a."}, "test.csv, line 3: 'A_MEDIAN' is not a number: 'n.a.'"),
        ({"H_MEAN": "12,5x"}, "test.csv, line 3: 'H_MEAN' is not a number: '12,5x'"),
        ({"TOT_EMP": "-10"}, "test.csv, line 3: 'TOT_EMP' is negative"),
        ({"TOT_EMP": "10.5"}, "test.csv, line 3: 'TOT_EMP' is not a whole number"),
        ({"O_GROUP": "x" * 21}, "test.csv, line 3: 'O_GROUP' is longer than 20 characters"),
    ],
)
def test_it_rejects_a_bad_row_naming_file_line_and_column(fields, message):
    with pytest.raises(ReleaseError) as raised:
        parse([oews_row(OCC_CODE="43-0000"), oews_row(**fields)])

    assert str(raised.value).startswith(message)


def test_it_rejects_an_occupation_repeated_in_one_area():
    with pytest.raises(
        ReleaseError, match=r"line 3: repeats 43-4051 in National \(first on line 2"
    ):
        parse([oews_row(), oews_row(A_MEDIAN="50000")])


def test_it_rejects_one_area_code_with_two_titles():
    with pytest.raises(ReleaseError, match="line 3: area 48 is 'Tejas'"):
        parse([oews_row(TEXAS), oews_row({**TEXAS, "AREA_TITLE": "Tejas"}, OCC_CODE="43-0000")])


def test_it_reports_progress_every_so_many_rows(monkeypatch):
    monkeypatch.setattr(oews_release, "REPORT_EVERY", 2)
    seen: list[int] = []

    parse(sample_rows(), on_rows=seen.append)

    assert seen == [2, 4, 6]


@pytest.mark.parametrize(
    ("names", "version"),
    [
        (("https://www.bls.gov/oes/special-requests/oesm25all.zip",), "May 2025"),
        (("/data/oews_may2025_all_areas.csv.gz",), "May 2025"),
        (("/tmp/download.zip", "all_data_M_2024.xlsx"), "May 2024"),
        (("national_M2023_dl.xlsx",), "May 2023"),
        (("wages.csv",), ""),
    ],
)
def test_it_tells_the_release_from_the_file_name(names, version):
    assert release_version(*names) == version


def test_it_reads_a_workbook_with_lower_case_headers_and_every_industry(tmp_path):
    rows = [
        *sample_rows(),
        oews_row(HOUSTON, NAICS="541511", NAICS_TITLE="Custom Computer Programming Services"),
    ]
    for row in rows:
        row.update(I_GROUP="cross-industry", OWN_CODE="1235", PCT_TOTAL="", PCT_RPT="~")
    path = write_xlsx(tmp_path / "all_data_M_2025.xlsx", rows, lower_case=True, extra=True)

    with open_release(path) as release:
        parsed = parse_release(release)

    assert parsed.version == "May 2025"
    assert parsed.file_format == "excel"
    assert len(parsed.estimates) == 6
    assert parsed.rows_skipped == 1
    texas = estimate(parsed, (2, "48"), "43-4051")
    assert value(texas, "employment") == 337170
    assert value(texas, "hourly_median") == Decimal("21.53")
    assert value(texas, "jobs_per_1000") == 24.541
    assert estimate(parsed, (1, "99"), "11-1011").top_coded == ("annual_p75", "annual_p90")


def test_it_names_missing_columns_on_the_header_line(tmp_path):
    columns = [column for column in oews_row() if column != "A_MEDIAN"]
    path = write_csv(tmp_path / "oews.csv", [oews_row()], columns)

    with open_release(path) as release, pytest.raises(ReleaseError) as raised:
        parse_release(release)

    assert str(raised.value).startswith("oews.csv, line 1: missing column(s) 'A_MEDIAN'")


def test_it_records_the_file_checksum_and_row_count(tmp_path):
    path = write_csv(tmp_path / "oews_may2025.csv", sample_rows())

    with open_release(path) as release:
        parsed = parse_release(release, version="May 2025 (test)")

    assert parsed.version == "May 2025 (test)"
    assert parsed.files["oews_may2025.csv"]["rows"] == 6
    assert len(parsed.files["oews_may2025.csv"]["sha256"]) == 64


def test_it_refuses_a_release_without_cross_industry_rows(tmp_path):
    rows = [oews_row(NAICS="541511")]
    path = write_csv(tmp_path / "oews.csv", rows)

    with open_release(path) as release, pytest.raises(ReleaseError, match="no cross-industry"):
        parse_release(release)
