from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import counseling, roster, services
from assessments.models import COUNSELORS_GROUP, CounselingGroup, CounselorNote, Membership
from assessments.views import counselors as counselor_views
from tests.assessments.account_factories import (
    join,
    make_counselor,
    make_group,
    make_user,
    owned_result,
)
from tests.assessments.results_factories import make_scored_catalog

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "roster"}


@pytest.fixture
def catalog():
    make_scored_catalog()


@pytest.fixture
def counselor(client):
    user = make_counselor("casey@example.com")
    return user


def group_url(group: CounselingGroup, **query: str) -> str:
    url = reverse("assessments:counselor_group", args=[group.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def roster_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row">(?:<a href="[^"]+">)?([^<]+)(?:</a>)?<span', html)


def result_url(assessment) -> str:
    return reverse("assessments:counselor_result", args=[assessment.pk])


# Counselors and their groups


def test_the_counselors_group_exists_for_admins_to_grant(db):
    assert Group.objects.filter(name=COUNSELORS_GROUP).exists()


def test_only_counselors_open_the_workspace(client):
    client.force_login(make_user())
    response = client.get(reverse("assessments:counselor"))
    assert response.status_code == 403
    assert "If you are one, ask the site" in response.content.decode()


def test_a_counselor_creates_a_group_with_an_unguessable_invite_link(client, counselor):
    client.force_login(counselor)
    response = client.post(reverse("assessments:group_create"), {"name": "Evening class"})
    group = CounselingGroup.objects.get()
    assert response["Location"] == group_url(group)
    assert group.counselor == counselor
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", group.invite_code)
    assert make_group(counselor, "Another").invite_code != group.invite_code
    html = client.get(group_url(group)).content.decode()
    assert f"http://testserver/join/{group.invite_code}/" in html


def test_a_group_needs_a_name(client, counselor):
    client.force_login(counselor)
    response = client.post(reverse("assessments:group_create"), {"name": "  "})
    assert response.status_code == 400
    assert "Give the group a name." in response.content.decode()
    assert not CounselingGroup.objects.exists()


def test_losing_counselor_access_closes_the_workspace_at_once(client, counselor):
    group = make_group(counselor)
    client.force_login(counselor)
    assert client.get(group_url(group)).status_code == 200
    counselor.groups.clear()
    assert client.get(group_url(group)).status_code == 403


# Joining with consent


def test_the_invite_page_says_what_the_counselor_will_see_before_anything_is_shared(
    client, counselor
):
    group = make_group(counselor, "Evening class")
    client.force_login(make_user("sam@example.com", name="Sam Seeker"))
    html = client.get(reverse("assessments:join", args=[group.invite_code])).content.decode()
    assert "Casey Counselor (casey@example.com)" in html
    assert "Your name and email address: <strong>Sam Seeker</strong>, sam@example.com." in html
    assert "your Holland code" in html
    assert "ranked list of careers with their FIT scores" in html
    assert "Your answers to the individual statements" in html
    assert not Membership.objects.exists()


def test_joining_with_all_results_lets_the_counselor_see_them_and_withdrawing_ends_it(
    client, counselor, catalog
):
    group = make_group(counselor)
    seeker = make_user()
    assessment = owned_result(seeker)
    client.force_login(seeker)
    response = client.post(reverse("assessments:join", args=[group.invite_code]), {"share": "all"})
    assert response["Location"] == reverse("assessments:my_results") + "#sharing"
    membership = Membership.objects.get()
    assert membership.share_all
    assert membership.is_active

    counselor_client = Client()
    counselor_client.force_login(counselor)
    assert counselor_client.get(result_url(assessment)).status_code == 200
    # A result finished later is shared too.
    later = owned_result(seeker)
    assert counselor_client.get(result_url(later)).status_code == 200

    client.post(reverse("assessments:withdraw", args=[membership.pk]))
    assert counselor_client.get(result_url(assessment)).status_code == 404
    assert roster_names(counselor_client.get(group_url(group)).content.decode()) == []
    membership.refresh_from_db()
    assert membership.withdrawn_at is not None


def test_sharing_picked_results_shows_only_those(client, counselor, catalog):
    group = make_group(counselor)
    seeker = make_user()
    first, second = owned_result(seeker), owned_result(seeker)
    client.force_login(seeker)
    page = client.get(reverse("assessments:join", args=[group.invite_code])).content.decode()
    assert page.count('name="assessments"') == 2

    client.post(
        reverse("assessments:join", args=[group.invite_code]),
        {"share": "some", "assessments": [str(second.pk)]},
    )

    counselor_client = Client()
    counselor_client.force_login(counselor)
    assert counselor_client.get(result_url(second)).status_code == 200
    assert counselor_client.get(result_url(first)).status_code == 404


def test_sharing_some_needs_a_pick_and_keeps_the_choice(client, counselor, catalog):
    group = make_group(counselor)
    seeker = make_user()
    owned_result(seeker)
    client.force_login(seeker)
    url = reverse("assessments:join", args=[group.invite_code])

    response = client.post(url, {"share": "some"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pick at least one result, or share all of them." in html
    assert re.search(r'value="some" checked', html)
    assert client.post(url, {}).status_code == 400
    assert "Choose what to share." in client.post(url, {}).content.decode()
    # Someone else's result cannot be slipped in.
    foreign = owned_result(make_user())
    refused = client.post(url, {"share": "some", "assessments": [str(foreign.pk)]})
    assert refused.status_code == 400
    assert not Membership.objects.exists()


def test_changing_what_is_shared_and_joining_again_after_withdrawing(client, counselor, catalog):
    group = make_group(counselor)
    seeker = make_user()
    first, second = owned_result(seeker), owned_result(seeker)
    membership = join(group, seeker)
    client.force_login(seeker)
    client.post(
        reverse("assessments:sharing", args=[membership.pk]),
        {"share": "some", "assessments": [str(first.pk)]},
    )
    membership.refresh_from_db()
    assert not membership.share_all
    assert list(membership.shared.all()) == [first]

    client.post(reverse("assessments:withdraw", args=[membership.pk]))
    assert client.get(reverse("assessments:sharing", args=[membership.pk])).status_code == 404
    client.post(reverse("assessments:join", args=[group.invite_code]), {"share": "all"})
    assert Membership.objects.get().pk == membership.pk
    assert Membership.objects.get().is_active
    assert second in counseling_visible(counselor)


def counseling_visible(counselor):
    from assessments.access import shared_with

    return list(shared_with(counselor))


def test_a_counselor_opening_their_own_invite_is_told_so(client, counselor):
    group = make_group(counselor)
    client.force_login(counselor)
    response = client.get(reverse("assessments:join", args=[group.invite_code]))
    assert response.status_code == 200
    assert "This is the invite link of your own group." in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1]


def test_rotating_the_invite_stops_the_old_link_at_once_and_keeps_members(
    client, counselor, catalog
):
    group = make_group(counselor)
    old_code = group.invite_code
    member = make_user()
    join(group, member)
    client.force_login(counselor)

    response = client.post(reverse("assessments:invite_rotate", args=[group.pk]))

    assert response["Location"] == group_url(group) + "#invite"
    group.refresh_from_db()
    assert group.invite_code != old_code
    seeker = Client()
    seeker.force_login(make_user())
    assert seeker.get(reverse("assessments:join", args=[old_code])).status_code == 404
    assert seeker.get(reverse("assessments:join", args=[group.invite_code])).status_code == 200
    assert Membership.objects.get(group=group).user == member


def test_too_many_unknown_invite_codes_get_429_even_for_a_good_one(client, counselor):
    group = make_group(counselor)
    client.force_login(make_user())
    for attempt in range(10):
        code = f"guessedcode{attempt:02d}abcdefghijk"
        assert client.get(reverse("assessments:join", args=[code])).status_code == 404
    response = client.get(reverse("assessments:join", args=[group.invite_code]))
    assert response.status_code == 429
    assert "please wait 15 minutes" in response.content.decode()


def test_the_invite_limit_follows_the_account_across_addresses(counselor):
    group = make_group(counselor)
    user = make_user()
    for attempt in range(10):
        other = Client(REMOTE_ADDR=f"10.1.0.{attempt}")
        other.force_login(user)
        other.get(reverse("assessments:join", args=[f"guessedcode{attempt:02d}abcdefghijk"]))
    fresh = Client(REMOTE_ADDR="10.2.0.1")
    fresh.force_login(user)
    assert fresh.get(reverse("assessments:join", args=[group.invite_code])).status_code == 429


# The roster, its summary and the CSV


def make_roster(counselor, catalog_ready: bool = True) -> CounselingGroup:
    """Three members: done (RAI), in progress, not started."""
    group = make_group(counselor, "Evening class")
    done = make_user("ann@example.com", name="Ann Able")
    owned_result(done)
    join(group, done)
    busy = make_user("bob@example.com", name="Bob Busy")
    services.assessment_start(
        questionnaire=done.assessments.get().questionnaire, form="short", user=busy
    )
    join(group, busy)
    join(group, make_user("cy@example.com", name="Cy Calm"))
    return group


def test_the_roster_lists_status_date_code_and_top_careers(client, counselor, catalog):
    group = make_roster(counselor)
    client.force_login(counselor)
    html = client.get(group_url(group)).content.decode()
    assert roster_names(html) == ["Ann Able", "Bob Busy", "Cy Calm"]
    assert "ann@example.com" in html
    assert re.search(r"status-done\">Done<", html)
    assert re.search(r"status-in_progress\">In progress<", html)
    assert re.search(r"status-not_started\">Not started<", html)
    assert "<strong>RAI</strong>" in html
    assert re.findall(r"<li>([^<]+) <span class=\"fit-inline\">(\d+)</span> <span", html) == [
        ("Electricians", "97"),
        ("Registered Nurses", "37"),
        ("Customer Service Representatives", "30"),
    ]


def test_the_roster_searches_filters_and_sorts_without_javascript(client, counselor, catalog):
    group = make_roster(counselor)
    client.force_login(counselor)
    assert roster_names(client.get(group_url(group, q="BOB")).content.decode()) == ["Bob Busy"]
    assert roster_names(client.get(group_url(group, q="cy@")).content.decode()) == ["Cy Calm"]
    by_status = client.get(group_url(group, status="in_progress")).content.decode()
    assert roster_names(by_status) == ["Bob Busy"]
    assert roster_names(client.get(group_url(group, holland="r")).content.decode()) == ["Ann Able"]
    sorted_html = client.get(group_url(group, sort="status")).content.decode()
    assert roster_names(sorted_html) == ["Ann Able", "Bob Busy", "Cy Calm"]
    newest = client.get(group_url(group, sort="-date")).content.decode()
    assert roster_names(newest)[-1] == "Cy Calm"
    assert "1 of 3 members match" in by_status


def test_the_roster_refreshes_in_place_with_htmx(client, counselor, catalog):
    group = make_roster(counselor)
    client.force_login(counselor)
    response = client.get(group_url(group, q="ann"), headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert roster_names(html) == ["Ann Able"]
    assert 'hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]


def test_a_bad_roster_filter_is_reported_and_the_rest_still_applies(client, counselor, catalog):
    group = make_roster(counselor)
    client.force_login(counselor)
    response = client.get(group_url(group, status="asleep", q="ann"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pick a status from the list." in html
    assert roster_names(html) == ["Ann Able"]


def test_the_summary_counts_finished_members_codes_and_top_careers(client, counselor, catalog):
    group = make_roster(counselor)
    second = make_user("dee@example.com", name="Dee Done")
    owned_result(second)
    join(group, second)
    client.force_login(counselor)
    summary = client.get(group_url(group)).context["summary"]
    assert summary.members == 4
    assert summary.by_status == {"not_started": 1, "in_progress": 1, "done": 2}
    realistic = summary.first_letters[0]
    assert (realistic.label, realistic.count, realistic.percentage) == ("Realistic (R)", 2, 100.0)
    assert [(share.label, share.count) for share in summary.full_codes] == [("RAI", 2)]
    assert [(career.title, career.count) for career in summary.top_careers] == [
        ("Customer Service Representatives", 2),
        ("Electricians", 2),
        ("Registered Nurses", 2),
    ]


def test_the_roster_and_csv_run_the_same_queries_for_3_or_15_members(
    client, counselor, catalog, django_assert_max_num_queries
):
    group = make_group(counselor)
    client.force_login(counselor)

    def add_members(count: int) -> None:
        for _ in range(count):
            member = make_user()
            if Membership.objects.filter(group=group).count() % 3:
                owned_result(member)
            join(group, member)

    def queries() -> tuple[int, int]:
        with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as page:
            assert client.get(group_url(group, sort="holland")).status_code == 200
        with CaptureQueriesContext(connection) as export:
            client.get(reverse("assessments:roster_csv", args=[group.pk])).getvalue()
        return len(page), len(export)

    add_members(3)
    client.get(group_url(group))  # warms the session and the content types
    small = queries()
    add_members(12)
    assert queries() == small


def test_the_csv_has_profile_percentages_and_top_careers(client, counselor, catalog):
    group = make_roster(counselor)
    client.force_login(counselor)
    response = client.get(reverse("assessments:roster_csv", args=[group.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="evening-class-roster.csv"'
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [row["Name"] for row in rows] == ["Ann Able", "Bob Busy", "Cy Calm"]
    ann = rows[0]
    assert ann["Status"] == "Done"
    assert ann["Holland code"] == "RAI"
    assert ann["Realistic %"] == "100.0"
    assert ann["Investigative %"] == "0.0"
    assert ann["Dependability %"] == "75.0"
    assert (ann["Career 1 code"], ann["Career 1 title"], ann["Career 1 FIT"]) == (
        "47-2111.00",
        "Electricians",
        "97.1",
    )
    assert rows[1]["Status"] == "In progress"
    assert rows[1]["Career 1 code"] == ""


def test_a_long_roster_comes_in_pages_while_the_summary_counts_everyone(
    client, counselor, monkeypatch
):
    monkeypatch.setattr(counselor_views, "ROSTER_PER_PAGE", 2)
    group = make_group(counselor)
    for name in ("Ann", "Bea", "Cal", "Dee", "Eve"):
        join(group, make_user(f"{name.lower()}@example.com", name=name))
    client.force_login(counselor)

    first = client.get(group_url(group)).content.decode()
    assert roster_names(first) == ["Ann", "Bea"]
    assert "5 members; showing 1–2" in first
    assert "<dt>Members</dt><dd>5</dd>" in first
    assert f'href="/counselor/groups/{group.pk}/?page=2"' in first

    # Past the end: the last page.
    last = client.get(group_url(group, page="9")).content.decode()
    assert roster_names(last) == ["Eve"]
    assert "5 members; showing 5–5" in last

    wrong = client.get(group_url(group, page="x"))
    assert wrong.status_code == 400
    assert roster_names(wrong.content.decode()) == ["Ann", "Bea"]
    assert "showing the first page" in wrong.content.decode()


def test_the_csv_sends_its_header_before_it_reads_the_roster(client, counselor, catalog):
    group = make_roster(counselor)
    client.force_login(counselor)
    response = client.get(reverse("assessments:roster_csv", args=[group.pk]))
    assert response.streaming
    lines = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first:
        header = next(lines).decode()
    assert header.startswith("Name,Email,Status,Finished,Holland code,Realistic %")
    assert not any("assessments_result" in query["sql"] for query in first.captured_queries)
    assert len(b"".join(lines).decode().splitlines()) == 3


def test_a_csv_longer_than_one_chunk_keeps_every_member_once(
    client, counselor, catalog, monkeypatch
):
    monkeypatch.setattr(roster, "CSV_CHUNK", 2)
    group = make_roster(counselor)
    client.force_login(counselor)
    text = client.get(reverse("assessments:roster_csv", args=[group.pk])).getvalue().decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["Name"] for row in rows] == ["Ann Able", "Bob Busy", "Cy Calm"]
    assert rows[0]["Realistic %"] == "100.0"


def test_the_csv_defuses_cells_that_spreadsheets_would_run_as_formulas(client, counselor):
    group = make_group(counselor, "=cmd|' /C calc'!A0")
    for name in ('=HYPERLINK("http://evil.example","click")', "+1 555", "-2", "@SUM(A1)"):
        join(group, make_user(name=name))
    client.force_login(counselor)
    response = client.get(reverse("assessments:roster_csv", args=[group.pk]))
    names = [row["Name"] for row in csv.DictReader(io.StringIO(response.getvalue().decode()))]
    assert sorted(names) == sorted(
        ["'+1 555", "'-2", '\'=HYPERLINK("http://evil.example","click")', "'@SUM(A1)"]
    )
    assert 'filename="cmd-c-calca0-roster.csv"' in response["Content-Disposition"]


# One shared result: the seeker's page, the counselor's notes, the print version


def test_the_counselor_sees_the_seekers_charts_and_careers_without_their_controls(
    client, counselor, catalog
):
    seeker = make_user(name="Sam Seeker")
    assessment = owned_result(seeker)
    join(make_group(counselor, "Evening class"), seeker)
    client.force_login(counselor)
    html = client.get(result_url(assessment)).content.decode()
    assert "<h1>Results of Sam Seeker</h1>" in html
    assert "shares it with Evening class since" in html
    assert '<strong class="holland-code">RAI</strong>' in html
    assert '<title id="your-riasec-title">Your interests</title>' in html
    assert "Electricians" in html
    assert "Re-score with current data" not in html
    assert "Come back to your results" not in html
    # Filters re-rank on the counselor's own URL.
    assert f'action="{result_url(assessment)}"' in html
    partial = client.get(result_url(assessment) + "?holland=I", headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert "Medical Scientists" in partial.content.decode()
    # The seeker's own link shows the same page read-only to the counselor.
    token_page = client.get(reverse("assessments:results", args=[assessment.token]))
    assert token_page.status_code == 200
    assert "Re-score with current data" not in token_page.content.decode()


def test_staff_see_a_claimed_result_read_only(client, catalog):
    assessment = owned_result(make_user())
    client.force_login(make_user(staff=True))
    response = client.get(reverse("assessments:results", args=[assessment.token]))
    assert response.status_code == 200
    assert "Re-score with current data" not in response.content.decode()
    rescore = reverse("assessments:rescore", args=[assessment.token])
    assert client.post(rescore).status_code == 404


def test_notes_are_dated_private_to_their_author_and_editable_by_them_only(
    client, counselor, catalog
):
    seeker = make_user()
    assessment = owned_result(seeker)
    join(make_group(counselor), seeker)
    colleague = make_counselor("colleague@example.com")
    join(make_group(colleague), seeker)
    client.force_login(counselor)

    response = client.post(
        reverse("assessments:note_add", args=[assessment.pk]), {"text": "Likes hands-on work."}
    )
    note = CounselorNote.objects.get()
    assert response["Location"] == result_url(assessment) + "#notes"
    html = client.get(result_url(assessment)).content.decode()
    assert "Likes hands-on work." in html
    assert f'<time datetime="{note.created.isoformat()}' in html.replace("+00:00", "+00:00")

    edit_url = reverse("assessments:note_edit", args=[note.pk])
    client.post(edit_url, {"text": "Likes hands-on work, and numbers."})
    note.refresh_from_db()
    assert note.text == "Likes hands-on work, and numbers."

    other = Client()
    other.force_login(colleague)
    assert "Likes hands-on work" not in other.get(result_url(assessment)).content.decode()
    assert other.get(edit_url).status_code == 404
    assert other.post(edit_url, {"text": "Mine now"}).status_code == 404
    note.refresh_from_db()
    assert note.text == "Likes hands-on work, and numbers."


def test_a_refused_note_keeps_the_text_and_says_why(client, counselor, catalog):
    seeker = make_user()
    assessment = owned_result(seeker)
    join(make_group(counselor), seeker)
    client.force_login(counselor)
    url = reverse("assessments:note_add", args=[assessment.pk])

    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 400
    assert "Write the note first." in empty.content.decode()
    long_text = "x" * 5001
    too_long = client.post(url, {"text": long_text})
    assert too_long.status_code == 400
    html = too_long.content.decode()
    assert "Keep the note to 5,000 characters (it has 5001)." in html
    assert long_text in html
    assert not CounselorNote.objects.exists()


def test_notes_stop_with_consent(client, counselor, catalog):
    seeker = make_user()
    assessment = owned_result(seeker)
    membership = join(make_group(counselor), seeker)
    note = counseling.note_add(author=counselor, assessment=assessment, text="Before")
    counseling.consent_withdraw(membership=membership)
    client.force_login(counselor)
    assert client.get(reverse("assessments:note_edit", args=[note.pk])).status_code == 404
    url = reverse("assessments:note_add", args=[assessment.pk])
    assert client.post(url, {"text": "After"}).status_code == 404


def test_the_print_version_has_the_result_and_notes_but_no_forms(client, counselor, catalog):
    seeker = make_user(name="Sam Seeker")
    assessment = owned_result(seeker)
    join(make_group(counselor), seeker)
    counseling.note_add(author=counselor, assessment=assessment, text="Printed note")
    client.force_login(counselor)
    html = client.get(reverse("assessments:result_print", args=[assessment.pk])).content.decode()
    main = html.split('<main id="main"')[1]
    assert "<h1>Career-fit report</h1>" in main
    assert "<dt>For</dt><dd>Sam Seeker</dd>" in main
    assert "Printed note" in main
    assert "Electricians" in main
    assert "results-filters" not in main
    assert 'method="post"' not in main


def test_the_roster_tells_nobody_joined_from_members_who_stopped_sharing(client, counselor):
    group = make_group(counselor)
    client.force_login(counselor)
    assert "Nobody has joined yet" in client.get(group_url(group)).content.decode()

    membership = join(group, make_user("sam@example.com"))
    counseling.consent_withdraw(membership=membership)
    html = client.get(group_url(group)).content.decode()

    assert "Nobody has joined yet" not in html
    assert "1 person joined and then stopped sharing" in html
