"""Small Employment Projections workbooks and Projection rows, written by the tests themselves."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from occupations.models import Projection

HEADER = [
    "2024 National Employment Matrix title",
    "2024 National Employment Matrix code",
    "Occupation type",
    "Employment, 2024",
    "Employment, 2034",
    "Employment distribution, percent, 2024",
    "Employment distribution, percent, 2034",
    "Employment change, numeric, 2024–34",
    "Employment change, percent, 2024–34",
    "Percent self employed, 2024",
    "Occupational openings, 2024–34 annual average",
    "Median annual wage, dollars, 2024[1]",
    "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
    "Related Occupational Outlook Handbook (OOH) content xlsx",
]
TITLE = "Table 1.2 Occupational projections, 2024–2034 (Employment in thousands)"
NOTES = [
    "Footnotes:",
    "[1] Wage data are from another survey.",
    'Note: Data is unavailable for values denoted with a "—".',
    "Source: a test.",
]
DASH = "—"


def row(
    title: str,
    code: str,
    kind: str = "Line item",
    base: object = 100.0,
    projected: object = 110.0,
    change: object = 10.0,
    percent: object = 10.0,
    self_employed: object = 5.0,
    openings: object = 12.0,
    wage: object = 50000.0,
    education: str = "High school diploma or equivalent",
    experience: str = "None",
    training: str = "Short-term on-the-job training",
) -> list[object]:
    """One Table 1.2 row, numbers as numbers the way the workbook stores them."""
    return [
        f"    {title}",
        code,
        kind,
        base,
        projected,
        0.1,
        0.1,
        change,
        percent,
        self_employed,
        openings,
        wage,
        education,
        experience,
        training,
        "OOH Content",
    ]


def total_row(percent: object = 3.1) -> list[object]:
    return row(
        "Total, all occupations",
        "00-0000",
        "Summary",
        169956.1,
        175167.9,
        5211.8,
        percent,
        5.8,
        18863.3,
        49500.0,
        DASH,
        DASH,
        DASH,
    )


def customer_service() -> list[object]:
    return row(
        "Customer service representatives",
        "43-4051",
        base=2814.0,
        projected=2660.3,
        change=-153.7,
        percent=-5.5,
        self_employed=0.8,
        openings=341.7,
        wage=42830.0,
    )


def sample_rows() -> list[list[object]]:
    """The total, a summary group, detailed rows, a broad "Line item", and "—" values."""
    return [
        total_row(),
        row(
            "Office and administrative support occupations",
            "43-0000",
            "Summary",
            18000.0,
            17000.0,
            -1000.0,
            -5.6,
            2.0,
            2000.0,
            46000.0,
            DASH,
            DASH,
            DASH,
        ),
        customer_service(),
        row("Chief executives", "11-1011", percent=4.3, self_employed=DASH, wage=">=$239,200"),
        row("Buyers and purchasing agents", "13-1020", percent=5.8),
        row("Special education teachers", "25-2050", "Summary", percent=-1.4),
    ]


def write_workbook(
    path: Path,
    rows: list[list[object]] | None = None,
    *,
    sheet: str = "Table 1.2",
    header: list[str] | None = None,
    title: bool = True,
    with_header: bool = True,
    notes: bool = True,
) -> Path:
    """A workbook shaped like BLS's occupation.xlsx: an index sheet first, then Table 1.2."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Index"
    workbook.active.append(["Occupation.xlsx contents"])
    data = workbook.create_sheet(sheet)
    if title:
        data.append([TITLE])
    if with_header:
        data.append(HEADER if header is None else header)
    for cells in sample_rows() if rows is None else rows:
        data.append(cells)
    if notes:
        for note in NOTES:
            data.append([note])
    workbook.save(path)
    return path


def make_projection(code: str, percent: str | None = "10.0", **fields: object) -> Projection:
    values: dict[str, object] = {
        "title": f"Occupation {code}",
        "occupation_type": Projection.Type.LINE_ITEM,
        "base_year": 2024,
        "projected_year": 2034,
        "employment_base": Decimal("100.0"),
        "employment_projected": Decimal("110.0"),
        "change_number": Decimal("10.0"),
        "change_percent": None if percent is None else Decimal(percent),
        "openings": Decimal("12.0"),
        "education": "High school diploma or equivalent",
        "work_experience": "None",
        "job_training": "Short-term on-the-job training",
    }
    values.update(fields)
    projection = Projection(code=code, **values)
    projection.full_clean()
    projection.save()
    return projection


def make_total(percent: str = "3.1") -> Projection:
    return make_projection(
        Projection.TOTAL_CODE,
        percent,
        title="Total, all occupations",
        occupation_type=Projection.Type.SUMMARY,
        education="",
        work_experience="",
        job_training="",
    )
