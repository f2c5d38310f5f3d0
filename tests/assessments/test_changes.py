from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse

from assessments.changes import MOVED_FROM, compare
from tests.assessments.account_factories import make_user
from tests.assessments.results_factories import finished_assessment, make_scored_catalog


def row(element_id, name, percentage, domain="interests"):
    return {"element_id": element_id, "name": name, "domain": domain, "percentage": percentage}


def test_it_lists_traits_that_moved_and_careers_that_entered_or_left_the_top():
    changes = compare(
        before_profile=[
            row("R", "Realistic", 80),
            row("I", "Investigative", 20),
            row("A", "Artistic", 50),
        ],
        now_profile=[
            row("R", "Realistic", 55),
            row("I", "Investigative", 29.6),  # shows as 30: moved 10, as a reader sees it
            row("A", "Artistic", 55),
            row("S", "Social", 90),  # not measured before: not compared
        ],
        before_code="RAI",
        now_code="ARI",
        before_top=[["a", 90.0], ["b", 80.0], ["c", 70.0]],
        now_top=[["b", 91.0], ["d", 85.0], ["a", 60.0]],
        titles={"a": "Alpha", "b": "Beta", "d": "Delta"},
    )

    assert changes.code_changed
    assert [(t.name, t.change) for t in changes.traits] == [
        ("Realistic", -25),
        ("Investigative", 10),
    ]
    assert changes.unchanged == 1
    assert [(m.title, m.rank) for m in changes.entered] == [("Delta", 2)]
    assert [(m.title, m.rank) for m in changes.left] == [("c", 3)]  # no title: its code
    assert changes.kept == 2
    assert MOVED_FROM == 10


def test_a_person_with_two_finished_assessments_sees_what_changed(client, db):
    make_scored_catalog()
    user = make_user()
    earlier = finished_assessment()
    later = finished_assessment(answers={"Realistic": 2, "Investigative": 5})
    for assessment, days in ((earlier, 30), (later, 0)):
        assessment.user = user
        assessment.finished_at -= timedelta(days=days)
        assessment.save()
    client.force_login(user)

    html = client.get(reverse("assessments:results", args=[later.token])).content.decode()

    assert "What changed since" in html
    assert reverse("assessments:results", args=[earlier.token]) in html
    assert re.search(r'<strong class="holland-code-small">RAI</strong> then', html)
    assert re.search(r"<th scope=\"row\">Realistic</th>\s*<td class=\"num\">100%", html)
    assert "New in your top 20" in html

    # The earlier one has nothing before it; someone else's page never shows it.
    first = client.get(reverse("assessments:results", args=[earlier.token])).content.decode()
    assert "What changed since" not in first
    client.logout()
    assert client.get(reverse("assessments:results", args=[later.token])).status_code == 404
