"""Small OEWS releases written by the tests themselves, in every format the importer reads."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

COLUMNS = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
]
# The official workbook has these too; the importer must ignore them.
EXTRA_COLUMNS = ["I_GROUP", "OWN_CODE", "PCT_TOTAL", "PCT_RPT", "ANNUAL", "HOURLY"]
NUMERIC_COLUMNS = set(COLUMNS[9:])

NATIONAL = {"AREA": "99", "AREA_TITLE": "National", "AREA_TYPE": "1", "PRIM_STATE": "US"}
TEXAS = {"AREA": "48", "AREA_TITLE": "Texas", "AREA_TYPE": "2", "PRIM_STATE": "TX"}
HOUSTON = {
    "AREA": "26420",
    "AREA_TITLE": "Houston-Pasadena-The Woodlands, TX",
    "AREA_TYPE": "4",
    "PRIM_STATE": "TX",
}


def oews_row(area: dict[str, str] | None = None, **fields: str) -> dict[str, str]:
    """One cross-industry row: customer service representatives, unless told otherwise."""
    row = {
        **NATIONAL,
        "NAICS": "000000",
        "NAICS_TITLE": "Cross-industry",
        "OCC_CODE": "43-4051",
        "OCC_TITLE": "Customer Service Representatives",
        "O_GROUP": "detailed",
        "TOT_EMP": "2595750",
        "EMP_PRSE": "0.4",
        "JOBS_1000": "*",
        "LOC_QUOTIENT": "*",
        "H_MEAN": "22.40",
        "A_MEAN": "46590",
        "MEAN_PRSE": "0.2",
        "H_PCT10": "15.27",
        "H_PCT25": "17.72",
        "H_MEDIAN": "21.53",
        "H_PCT75": "24.89",
        "H_PCT90": "30.57",
        "A_PCT10": "31750",
        "A_PCT25": "36870",
        "A_MEDIAN": "44770",
        "A_PCT75": "51780",
        "A_PCT90": "63590",
    }
    row.update(area or {})
    row.update(fields)
    return row


def chief_executives(area: dict[str, str] | None = None) -> dict[str, str]:
    """A row whose top wages are top-coded (`#`) and whose hourly wages are missing (`*`)."""
    return oews_row(
        area,
        OCC_CODE="11-1011",
        OCC_TITLE="Chief Executives",
        TOT_EMP="211,230",
        H_MEAN="*",
        H_PCT10="*",
        H_PCT25="*",
        H_MEDIAN="*",
        H_PCT75="*",
        H_PCT90="*",
        A_MEAN="262,930",
        A_PCT75="#",
        A_PCT90="#",
    )


def sample_rows() -> list[dict[str, str]]:
    """National, state and metro rows at several SOC levels."""
    return [
        oews_row(OCC_CODE="00-0000", OCC_TITLE="All Occupations", O_GROUP="total"),
        oews_row(
            OCC_CODE="43-0000", OCC_TITLE="Office and Administrative Support", O_GROUP="major"
        ),
        oews_row(),
        chief_executives(),
        oews_row(TEXAS, TOT_EMP="337,170", JOBS_1000="24.541", LOC_QUOTIENT="1.13"),
        oews_row(HOUSTON, TOT_EMP="71,420", EMP_PRSE="**", JOBS_1000="20.1", LOC_QUOTIENT="~"),
    ]


def csv_bytes(rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> Path:
    path.write_bytes(csv_bytes(rows, columns))
    return path


def write_csv_gz(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_bytes(gzip.compress(csv_bytes(rows)))
    return path


def write_xlsx(
    path: Path, rows: list[dict[str, str]], *, lower_case: bool = False, extra: bool = False
) -> Path:
    """A workbook like BLS publishes: numbers as numbers, special values as text."""
    import openpyxl

    columns = COLUMNS + (EXTRA_COLUMNS if extra else [])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([column.lower() if lower_case else column for column in columns])
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column, "")
            if column in NUMERIC_COLUMNS and value.replace(",", "").replace(".", "").isdigit():
                number = float(value.replace(",", ""))
                cells.append(int(number) if number.is_integer() else number)
            elif column == "AREA_TYPE":
                cells.append(int(value))
            else:
                cells.append(value)
        sheet.append(cells)
    workbook.save(path)
    return path


def write_zip(path: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return path
