from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from occupations.models import DataRelease, Descriptor, Occupation, Rating, Task
from tests.onet_files import CS, DEV, default_tables, write_release, zip_release

pytestmark = pytest.mark.django_db


def run(source) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_onet", str(source), stdout=out)
    return out.getvalue()


def rating(code: str, element_id: str, scale_id: str = "IM") -> Rating:
    return Rating.objects.get(
        occupation__code=code, descriptor__element_id=element_id, scale__scale_id=scale_id
    )


def snapshot() -> tuple:
    return (
        Occupation.objects.count(),
        Rating.objects.count(),
        Task.objects.count(),
        DataRelease.objects.count(),
        rating(CS, "1.C.5.a").value,
    )


@pytest.mark.parametrize("fmt", ["text", "excel"])
def test_it_imports_a_release_with_percentages_from_the_scale_range(tmp_path, fmt):
    output = run(write_release(tmp_path / "db_29_3_x", fmt=fmt))

    cs = Occupation.objects.get(code=CS)
    assert (cs.soc_code, cs.job_zone_id, cs.holland_code) == ("43-4051", 2, "CES")
    assert round(rating(CS, "1.C.5.a").percentage) == 94
    assert round(rating(CS, "1.C.4.a").percentage) == 92
    assert rating(CS, "2.D.1", "RL").percentage == 55.0
    assert Occupation.objects.get(code=DEV).holland_code == "IC"
    assert Descriptor.objects.get(element_id="1.C.5.a").description == "Reliable."
    assert Descriptor.objects.get(element_id="1.C.5.a").domain == "work_styles"
    release = DataRelease.objects.get()
    assert (release.version, release.file_format) == ("29.3", fmt)
    assert cs.release_id == release.pk
    # One line that says what a missing table means for the site.
    (missing,) = [line for line in output.splitlines() if line.startswith("Not in this release")]
    assert "Abilities" in missing
    assert "Work Context" in missing
    assert "career pages say in one line that this release has no such ratings" in missing


def test_running_it_again_changes_nothing(tmp_path):
    folder = write_release(tmp_path / "db_29_3_text")
    run(folder)
    ids = sorted(Rating.objects.values_list("id", flat=True))

    output = run(folder)

    assert "0 created, 0 updated, 0 deleted" in output
    assert "Nothing changed" in output
    assert DataRelease.objects.count() == 1
    assert sorted(Rating.objects.values_list("id", flat=True)) == ids


def test_a_new_release_updates_changed_rows_and_removes_dropped_ones(tmp_path):
    run(write_release(tmp_path / "db_29_2_text"))
    tables = default_tables()
    tables["Work Styles"][0]["Data Value"] = 3.0
    tables["Task Statements"].pop()
    tables["Occupation Data"].pop()  # drops the developer occupation everywhere
    for name in ("Interests", "Work Styles", "Job Zones"):
        tables[name] = [row for row in tables[name] if row["O*NET-SOC Code"] != DEV]
    del tables["Related Occupations"]

    run(write_release(tmp_path / "db_29_3_text", tables))

    assert rating(CS, "1.C.5.a").percentage == 50.0
    assert list(Task.objects.values_list("task_id", flat=True)) == [1001]
    assert not Occupation.objects.filter(code=DEV).exists()
    assert DataRelease.objects.count() == 2


def test_a_text_release_without_scales_reference_imports_the_new_work_styles(tmp_path):
    run(write_release(tmp_path / "db_29_3_excel", fmt="excel"))
    styles = [
        {
            "O*NET-SOC Code": CS,
            "Element ID": "1.D.3.c",
            "Element Name": "Dependability",
            "Scale ID": scale_id,
            "Data Value": value,
            "Date": "12/2025",
            "Domain Source": "AI/Expert",
        }
        for scale_id, value in (("WI", 2.41), ("DR", 7.0))
    ]
    tables = {"Occupation Data": default_tables()["Occupation Data"], "Work Styles": styles}

    run(write_release(tmp_path / "db_30_1_text", tables))

    ratings = Rating.objects.filter(occupation__code=CS, descriptor__domain="work_styles")
    assert sorted(ratings.values_list("descriptor__element_id", "scale__scale_id")) == [
        ("1.D.3.c", "DR"),
        ("1.D.3.c", "WI"),
    ]
    assert round(rating(CS, "1.D.3.c", "WI").percentage) == 90
    assert rating(CS, "1.D.3.c", "DR").percentage == 70.0
    # Tables the new release lacks keep what the older one gave.
    assert rating(CS, "2.A.1.b").value == 3.88


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (
            lambda t: t["Skills"][0].update({"Data Value": "n/a?"}),
            "Skills.txt, line 2: 'Data Value' is not a number: 'n/a?'",
        ),
        (
            lambda t: [row.pop("Scale ID") for row in t["Work Styles"]],
            "Work Styles.txt, line 1: missing column(s) 'Scale ID'",
        ),
        (
            lambda t: t["Related Occupations"][0].update({"Related O*NET-SOC Code": "11-1111.11"}),
            "Related Occupations.txt, line 2: unknown O*NET-SOC code '11-1111.11'",
        ),
        (
            lambda t: t["Work Styles"][0].update({"Data Value": 9}),
            "Work Styles.txt, line 2: value 9 is outside scale IM's range 1–5",
        ),
    ],
)
def test_a_bad_release_changes_nothing_and_says_where(tmp_path, break_it, message):
    run(write_release(tmp_path / "good"))
    before = snapshot()
    tables = default_tables()
    tables["Work Styles"][0]["Data Value"] = 1.0  # a change that must not land
    break_it(tables)

    with pytest.raises(CommandError) as caught:
        run(write_release(tmp_path / "bad", tables))

    assert message in str(caught.value)
    assert "nothing was changed" in str(caught.value)
    assert snapshot() == before


def test_a_truncated_zip_changes_nothing(tmp_path):
    run(write_release(tmp_path / "good"))
    before = snapshot()
    archive = zip_release(write_release(tmp_path / "db_29_3_text"), tmp_path / "release.zip")
    archive.write_bytes(archive.read_bytes()[:300])

    with pytest.raises(CommandError, match=r"release\.zip: is not a readable zip file"):
        run(archive)
    assert snapshot() == before


def test_a_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no-such-release: no such file or folder"):
        run(tmp_path / "no-such-release")


def test_it_imports_a_zipped_excel_release(tmp_path):
    folder = write_release(tmp_path / "db_29_3_excel", fmt="excel")
    run(zip_release(folder, tmp_path / "db_29_3_excel.zip"))
    assert Occupation.objects.count() == 2
    assert DataRelease.objects.get().file_format == "excel"
