from __future__ import annotations

import gzip

import pytest

from occupations.sources import ReleaseError, number, open_release
from tests.onet_files import write_release, zip_release


def test_a_missing_source_is_named(tmp_path):
    with (
        pytest.raises(ReleaseError, match="nowhere: no such file or folder"),
        open_release(tmp_path / "nowhere"),
    ):
        pass


def test_a_truncated_zip_is_reported_as_such(tmp_path):
    archive = zip_release(write_release(tmp_path / "db"), tmp_path / "db.zip")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with (
        pytest.raises(ReleaseError, match="not a readable zip file, perhaps truncated"),
        open_release(archive),
    ):
        pass


def test_a_truncated_gzip_is_reported_with_the_file_name(tmp_path):
    path = tmp_path / "data.csv.gz"
    rows = "".join(f"{n},{n * 7919 % 10007}\n" for n in range(20000))
    data = gzip.compress(f"A,B\n{rows}".encode())
    path.write_bytes(data[: len(data) // 2])
    with (
        open_release(path) as release,
        pytest.raises(ReleaseError, match=r"data\.csv\.gz: is truncated or damaged"),
    ):
        list(release.only_table().rows())


def test_a_short_row_is_reported_with_its_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("A\tB\n1\t2\n3\n")
    with (
        open_release(path) as release,
        pytest.raises(ReleaseError, match=r"t\.txt, line 3: has 1 columns where the header has 2"),
    ):
        list(release.only_table().rows())


def test_a_folder_without_tables_is_refused(tmp_path):
    (tmp_path / "notes.md").write_text("hello")
    with pytest.raises(ReleaseError, match="contains no"), open_release(tmp_path):
        pass


@pytest.mark.parametrize(
    ("raw", "expected"), [("4.76", 4.76), ("1,234", 1234.0), (3, 3.0), (" 2 ", 2.0)]
)
def test_number_accepts_plain_and_grouped_numbers(raw, expected):
    assert number({"v": raw}, "v", file="f", line=2) == expected


def test_number_allows_blank_only_when_asked():
    assert number({"v": ""}, "v", file="f", line=2, blank_ok=True) is None
    with pytest.raises(ReleaseError, match="f, line 2: 'v' is empty"):
        number({"v": ""}, "v", file="f", line=2)
