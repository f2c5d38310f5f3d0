from __future__ import annotations

from assessments.group_summary import DONE, IN_PROGRESS, NOT_STARTED, MemberFacts, summarize
from assessments.top_careers import TopCareer

NURSE = TopCareer("29-1141.00", "Registered Nurses", 80.0)
TEACHER = TopCareer("25-2021.00", "Elementary School Teachers", 78.0)
PLUMBER = TopCareer("47-2152.00", "Plumbers", 70.0)


def test_it_counts_members_by_status_and_finished_ones_by_holland_code():
    summary = summarize(
        [
            MemberFacts(DONE, "SIA", (NURSE, TEACHER)),
            MemberFacts(DONE, "SEC", (TEACHER, NURSE)),
            MemberFacts(DONE, "RIC", (PLUMBER,)),
            MemberFacts(IN_PROGRESS, "", ()),
            MemberFacts(NOT_STARTED, "", ()),
        ]
    )
    assert summary.members == 5
    assert summary.finished == 3
    assert summary.by_status == {NOT_STARTED: 1, IN_PROGRESS: 1, DONE: 3}
    assert summary.status_counts == [("Not started", 1), ("In progress", 1), ("Done", 3)]
    letters = {share.label: (share.count, share.percentage) for share in summary.first_letters}
    assert list(letters) == [
        "Realistic (R)",
        "Investigative (I)",
        "Artistic (A)",
        "Social (S)",
        "Enterprising (E)",
        "Conventional (C)",
    ]
    assert letters["Social (S)"] == (2, 66.7)
    assert letters["Realistic (R)"] == (1, 33.3)
    assert letters["Artistic (A)"] == (0, 0.0)
    assert [(share.label, share.count) for share in summary.full_codes] == [
        ("RIC", 1),
        ("SEC", 1),
        ("SIA", 1),
    ]
    assert [(career.title, career.count) for career in summary.top_careers] == [
        ("Elementary School Teachers", 2),
        ("Registered Nurses", 2),
        ("Plumbers", 1),
    ]


def test_a_group_where_nobody_finished_has_empty_distributions():
    summary = summarize([MemberFacts(NOT_STARTED, "", ())])
    assert summary.finished == 0
    assert all(share.count == 0 and share.percentage == 0 for share in summary.first_letters)
    assert summary.full_codes == []
    assert summary.top_careers == []
