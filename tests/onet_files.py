"""Tiny O*NET releases in both official formats, written by the tests themselves."""

from __future__ import annotations

import zipfile
from pathlib import Path

CS = "43-4051.00"
CS_TITLE = "Customer Service Representatives"
DEV = "15-1252.00"
DEV_TITLE = "Software Developers"


def _ratings(code: str, title: str, rows: list[tuple], *, extra: dict | None = None) -> list[dict]:
    out = []
    for element_id, name, scale_id, scale_name, value in rows:
        row = {
            "O*NET-SOC Code": code,
            "Title": title,
            "Element ID": element_id,
            "Element Name": name,
            "Scale ID": scale_id,
            "Scale Name": scale_name,
            "Data Value": value,
            "N": 20,
            "Standard Error": 0.1,
            "Lower CI Bound": None,
            "Upper CI Bound": None,
            "Recommend Suppress": "N",
            "Not Relevant": None,
            "Date": "08/2023",
            "Domain Source": "Incumbent",
        }
        row.update(extra or {})
        out.append(row)
    return out


def default_tables() -> dict[str, list[dict]]:
    """A two-occupation release with one row or more in each table the importer reads."""
    occupations = [(CS, CS_TITLE), (DEV, DEV_TITLE)]
    interests = []
    for code, title, values, points in [
        (CS, CS_TITLE, [3.0, 2.5, 1.8, 4.5, 4.8, 6.0], [6, 5, 4]),
        (DEV, DEV_TITLE, [3.5, 6.6, 2.7, 1.9, 2.4, 4.6], [2, 6, 0]),
    ]:
        rows = [
            (f"1.B.1.{letter}", name, "OI", "Occupational Interests", value)
            for letter, name, value in zip(
                "abcdef",
                [
                    "Realistic",
                    "Investigative",
                    "Artistic",
                    "Social",
                    "Enterprising",
                    "Conventional",
                ],
                values,
                strict=True,
            )
        ]
        rows += [
            (f"1.B.1.{letter}", f"{rank} Interest High-Point", "IH", "High-Point", point)
            for letter, rank, point in zip("ghi", ["First", "Second", "Third"], points, strict=True)
        ]
        interests += _ratings(code, title, rows)
    for row in interests:
        for column in ("N", "Standard Error", "Lower CI Bound", "Upper CI Bound"):
            row.pop(column)
        row.pop("Recommend Suppress")
        row.pop("Not Relevant")
    styles = _ratings(
        CS,
        CS_TITLE,
        [
            ("1.C.5.a", "Dependability", "IM", "Importance", 4.76),
            ("1.C.4.a", "Self-Control", "IM", "Importance", 4.67),
        ],
    ) + _ratings(DEV, DEV_TITLE, [("1.C.5.a", "Dependability", "IM", "Importance", 4.1)])
    for row in styles:
        row.pop("Not Relevant")
    skills = _ratings(
        CS,
        CS_TITLE,
        [
            ("2.A.1.b", "Active Listening", "IM", "Importance", 3.88),
            ("2.A.1.b", "Active Listening", "LV", "Level", 3.5),
        ],
    )
    education = _ratings(
        CS,
        CS_TITLE,
        [("2.D.1", "Required Level of Education", "RL", "Required Level Of Education", 55.0)],
        extra={"Category": 2},
    )
    return {
        "Scales Reference": [
            {"Scale ID": sid, "Scale Name": name, "Minimum": lo, "Maximum": hi}
            for sid, name, lo, hi in [
                ("IM", "Importance", 1, 5),
                ("LV", "Level", 0, 7),
                ("OI", "Occupational Interests", 1, 7),
                ("IH", "Occupational Interest High-Point", 0, 6),
                ("RL", "Required Level Of Education (Categories 1-12)", 0, 100),
            ]
        ],
        "Content Model Reference": [
            {"Element ID": "1.C.5.a", "Element Name": "Dependability", "Description": "Reliable."},
            {"Element ID": "2.A.1.b", "Element Name": "Active Listening", "Description": "Listen."},
        ],
        "Occupation Data": [
            {"O*NET-SOC Code": code, "Title": title, "Description": f"What {title} do."}
            for code, title in occupations
        ],
        "Job Zone Reference": [
            {"Job Zone": 2, "Name": "Job Zone Two: Some Preparation Needed", "Education": "HS"},
            {"Job Zone": 4, "Name": "Job Zone Four: Considerable Preparation Needed"},
        ],
        "Job Zones": [
            {"O*NET-SOC Code": CS, "Title": CS_TITLE, "Job Zone": 2, "Date": "08/2023"},
            {"O*NET-SOC Code": DEV, "Title": DEV_TITLE, "Job Zone": 4, "Date": "08/2023"},
        ],
        "Education, Training, and Experience Categories": [
            {
                "Element ID": "2.D.1",
                "Element Name": "Required Level of Education",
                "Scale ID": "RL",
                "Scale Name": "Required Level Of Education",
                "Category": 2,
                "Category Description": "High School Diploma",
            }
        ],
        "Task Statements": [
            {
                "O*NET-SOC Code": CS,
                "Title": CS_TITLE,
                "Task ID": 1001,
                "Task": "Confer with customers.",
                "Task Type": "Core",
                "Incumbents Responding": 50,
            },
            {
                "O*NET-SOC Code": CS,
                "Title": CS_TITLE,
                "Task ID": 1002,
                "Task": "Solicit sales.",
                "Task Type": "Supplemental",
                "Incumbents Responding": None,
            },
        ],
        "Alternate Titles": [
            {
                "O*NET-SOC Code": CS,
                "Title": CS_TITLE,
                "Alternate Title": "Call Center Agent",
                "Short Title": None,
                "Source(s)": "08",
            }
        ],
        "Related Occupations": [
            {
                "O*NET-SOC Code": CS,
                "Title": CS_TITLE,
                "Related O*NET-SOC Code": DEV,
                "Related Title": DEV_TITLE,
                "Relatedness Tier": "Supplemental",
                "Index": 7,
            }
        ],
        "Interests": interests,
        "Work Styles": styles,
        "Skills": skills,
        "Education, Training, and Experience": education,
    }


# The text format leaves out the Excel format's descriptive columns.
TEXT_FORMAT_DROPS = {"Title", "Scale Name"}


def write_release(
    folder: Path, tables: dict[str, list[dict]] | None = None, *, fmt: str = "text"
) -> Path:
    """Write `tables` as an O*NET release folder in the text (.txt) or Excel (.xlsx) format."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (default_tables() if tables is None else tables).items():
        header = list(dict.fromkeys(column for row in rows for column in row))
        if fmt == "text":
            if "O*NET-SOC Code" in header and name != "Occupation Data":
                header = [c for c in header if c not in TEXT_FORMAT_DROPS]
            lines = ["\t".join(header)]
            for row in rows:
                lines.append("\t".join("" if row.get(c) is None else str(row[c]) for c in header))
            (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            import openpyxl

            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.title = name[:31]
            sheet.append(header)
            for row in rows:
                sheet.append([row.get(c) for c in header])
            workbook.save(folder / f"{name}.xlsx")
    return folder


def zip_release(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    return target
