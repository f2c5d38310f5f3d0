from __future__ import annotations

import pytest

from occupations.onet_release import holland_code, parse_release, release_version
from occupations.sources import ReleaseError, open_release
from tests.onet_files import CS, DEV, default_tables, write_release, zip_release


@pytest.mark.parametrize("fmt", ["text", "excel"])
def test_it_reads_both_official_formats_by_header_name(tmp_path, fmt):
    folder = write_release(tmp_path / f"db_29_3_{fmt}", fmt=fmt)
    with open_release(folder) as release:
        parsed = parse_release(release)

    assert parsed.version == "29.3"
    assert parsed.file_format == fmt
    assert set(parsed.occupations) == {CS, DEV}
    assert parsed.job_zones == {CS: 2, DEV: 4}
    styles = {(r.code, r.element_id): r.value for r in parsed.ratings["work_styles"]}
    assert styles[(CS, "1.C.5.a")] == pytest.approx(4.76)
    education = parsed.ratings["education"][0]
    assert (education.category, education.value) == (2, 55.0)
    assert parsed.tasks[CS][1002] == ("Solicit sales.", "Supplemental", None)
    assert parsed.related[CS] == {DEV: ("Supplemental", 7)}


def test_it_reads_a_zipped_release(tmp_path):
    archive = zip_release(write_release(tmp_path / "db_30_1_text"), tmp_path / "db_30_1_text.zip")
    with open_release(archive) as release:
        parsed = parse_release(release)
    assert parsed.version == "30.1"
    assert len(parsed.ratings["interests"]) == 18


def test_it_lists_tables_the_release_lacks(tmp_path):
    tables = default_tables()
    del tables["Skills"]
    with open_release(write_release(tmp_path / "r", tables)) as release:
        parsed = parse_release(release)
    assert "Skills" in parsed.missing
    assert "Abilities" in parsed.missing
    assert "skills" not in parsed.ratings


def test_it_names_file_line_and_column_of_a_non_numeric_value(tmp_path):
    tables = default_tables()
    tables["Work Styles"][1]["Data Value"] = "high"
    with (
        open_release(write_release(tmp_path / "r", tables)) as release,
        pytest.raises(ReleaseError) as caught,
    ):
        parse_release(release)
    assert str(caught.value) == "Work Styles.txt, line 3: 'Data Value' is not a number: 'high'"


def test_it_names_the_missing_columns(tmp_path):
    tables = default_tables()
    for row in tables["Skills"]:
        row["Value"] = row.pop("Data Value")
    with (
        open_release(write_release(tmp_path / "r", tables, fmt="excel")) as release,
        pytest.raises(ReleaseError, match=r"Skills.xlsx, line 1: missing column\(s\) 'Data Value'"),
    ):
        parse_release(release)


def test_it_rejects_a_code_unknown_to_occupation_data(tmp_path):
    tables = default_tables()
    tables["Related Occupations"][0]["Related O*NET-SOC Code"] = "99-9999.00"
    with (
        open_release(write_release(tmp_path / "r", tables)) as release,
        pytest.raises(
            ReleaseError,
            match=r"Related Occupations.txt, line 2: unknown O\*NET-SOC code '99-9999.00'",
        ),
    ):
        parse_release(release)


def test_it_tells_the_version_from_the_read_me(tmp_path):
    folder = write_release(tmp_path / "release")
    (folder / "Read Me.txt").write_text("O*NET 28.1 Database\nFebruary 2024 Release\n")
    with open_release(folder) as release:
        assert release_version(release) == "28.1"


def test_holland_code_follows_the_high_points_and_skips_none():
    assert holland_code([("1.B.1.h", 6), ("1.B.1.g", 5), ("1.B.1.i", 0)]) == "EC"
    assert holland_code([("1.B.1.g", 1), ("1.B.1.h", 2), ("1.B.1.i", 3)]) == "RIA"
    assert holland_code([]) == ""
