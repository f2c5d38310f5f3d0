from __future__ import annotations

import re

import pytest
from django.urls import reverse

from occupations.admin import ALTERNATE_TITLES_INLINE
from occupations.models import AlternateTitle, Area, DataRelease, WageEstimate
from tests.factories import (
    make_alternate_title,
    make_area,
    make_category,
    make_complete_occupation,
    make_occupation,
    make_rating,
    make_release,
    make_wage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupation():
    return make_complete_occupation()


def _url(model: str, view: str, *args) -> str:
    return reverse(f"admin:occupations_{model}_{view}", args=args)


@pytest.mark.parametrize(
    "model",
    [
        "occupation",
        "alternatetitle",
        "rating",
        "descriptor",
        "scale",
        "scalecategory",
        "jobzone",
        "area",
        "wageestimate",
        "datarelease",
    ],
)
def test_every_changelist_and_its_search_open_for_a_superuser(admin_client, occupation, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "43-4051"}).status_code == 200


def test_every_change_form_opens(admin_client, occupation):
    category = make_category("2.D.1", "RL", 1, "Less than a High School Diploma")
    for model, obj in (
        ("occupation", occupation),
        ("alternatetitle", occupation.alternate_titles.first()),
        ("rating", occupation.ratings.first()),
        ("descriptor", occupation.ratings.first().descriptor),
        ("scale", occupation.ratings.first().scale),
        ("jobzone", occupation.job_zone),
        ("area", Area.objects.first()),
        ("scalecategory", category),
        ("wageestimate", WageEstimate.objects.first()),
        ("datarelease", DataRelease.objects.first()),
    ):
        response = admin_client.get(_url(model, "change", obj.pk))
        assert response.status_code == 200, model


def test_add_forms_open_except_for_data_releases(admin_client):
    assert admin_client.get(_url("occupation", "add")).status_code == 200
    assert admin_client.get(_url("wageestimate", "add")).status_code == 200
    assert admin_client.get(_url("datarelease", "add")).status_code == 403


def test_data_releases_are_view_only(admin_client):
    release = make_release()
    response = admin_client.get(_url("datarelease", "change", release.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert admin_client.post(_url("datarelease", "delete", release.pk)).status_code == 403


def test_occupation_search_finds_alternate_titles_once(admin_client, occupation):
    make_alternate_title(occupation, "Call Center Specialist")
    response = admin_client.get(_url("occupation", "changelist"), {"q": "call center"})
    assert list(response.context["cl"].result_list) == [occupation]


def test_holland_filter_keeps_the_main_interest(admin_client, occupation):
    make_occupation("29-1141.00", "Registered Nurses", holland_code="SIC")
    response = admin_client.get(_url("occupation", "changelist"), {"holland": "S"})
    assert [row.code for row in response.context["cl"].result_list] == ["29-1141.00"]
    response = admin_client.get(_url("occupation", "changelist"), {"holland": "none"})
    assert "43-4171.00" in [row.code for row in response.context["cl"].result_list]


def test_the_occupation_page_stays_small_with_ratings_summarised_and_linked(admin_client):
    occupation = make_occupation()
    for index in range(ALTERNATE_TITLES_INLINE + 10):
        make_alternate_title(occupation, f"Title {index:03d}")
    for index in range(300):
        make_rating(occupation, f"2.A.9.{index:03d}", "IM", percentage=50)
        make_rating(occupation, f"2.A.9.{index:03d}", "LV", percentage=40)
    response = admin_client.get(_url("occupation", "change", occupation.pk))
    sizes = {
        inline.opts.model._meta.model_name: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    # Ratings and tasks have their own lists; the page holds a bounded slice of titles.
    assert sizes == {"alternatetitle": ALTERNATE_TITLES_INLINE, "relatedoccupation": 0}
    html = response.content.decode()
    assert len(re.findall(r"<(?:input|select|textarea)\b", html)) < 120
    assert len(html) < 60_000
    assert f"{ALTERNATE_TITLES_INLINE + 10} alternate titles" in html
    assert "Skills</a>: 300 on IM, 300 on LV" in html
    rating_list = f"?occupation__id__exact={occupation.pk}&amp;descriptor__domain__exact=skills"
    assert rating_list in html
    # The link opens the ratings of that occupation and domain, editable in the list.
    listed = admin_client.get(
        _url("rating", "changelist"),
        {"occupation__id__exact": occupation.pk, "descriptor__domain__exact": "skills"},
    )
    assert listed.status_code == 200
    assert 'aria-label="Value"' in listed.content.decode()


def test_editing_a_rating_in_the_list_recomputes_it_and_bumps_the_catalog(admin_client):
    from occupations.models import CatalogVersion, Rating

    occupation = make_occupation()
    rating = make_rating(occupation, "2.A.1.a", "IM", percentage=50)
    before = CatalogVersion.current()
    url = _url("rating", "changelist")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(rating.pk),
        "form-0-value": "5",
        "_save": "Save",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    rating = Rating.objects.get(pk=rating.pk)
    assert rating.percentage == 100
    assert CatalogVersion.current() > before


def _resubmit(response) -> dict[str, str]:
    """The POST a browser would send for an unchanged change form."""
    data: dict[str, str] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = str(field.prepare_value(value))
    return data


def test_saving_an_occupation_keeps_rows_beyond_the_inline_slice(admin_client):
    occupation = make_occupation()
    for index in range(ALTERNATE_TITLES_INLINE + 5):
        make_alternate_title(occupation, f"Title {index:03d}")
    for index in range(20):
        make_rating(occupation, f"2.A.9.{index:03d}", "IM", percentage=50)
    page = admin_client.get(_url("occupation", "change", occupation.pk))
    data = _resubmit(page)
    data["title"] = "Customer Service Representatives (edited)"

    response = admin_client.post(_url("occupation", "change", occupation.pk), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    occupation.refresh_from_db()
    assert occupation.title.endswith("(edited)")
    assert AlternateTitle.objects.filter(occupation=occupation).count() == (
        ALTERNATE_TITLES_INLINE + 5
    )
    assert occupation.ratings.count() == 20


def test_occupation_changelist_queries_stay_bounded(admin_client, django_assert_max_num_queries):
    for index in range(60):
        make_occupation(f"11-{index:04d}.00", f"Career {index}", job_zone=1 + index % 5)
    with django_assert_max_num_queries(12):
        admin_client.get(_url("occupation", "changelist"))


def test_wage_changelist_queries_stay_bounded(admin_client, django_assert_max_num_queries):
    for index in range(60):
        make_wage(
            f"11-{index:04d}",
            area=make_area(Area.Type.STATE, f"{index:02d}", f"State {index}"),
            top_coded=["annual_median"],
            annual_median=None,
        )
    with django_assert_max_num_queries(10):
        response = admin_client.get(_url("wageestimate", "changelist"))
    assert "$239,200 or more" in response.content.decode()
    assert not response.context["cl"].show_full_result_count


def test_rating_changelist_queries_stay_bounded(admin_client, django_assert_max_num_queries):
    occupation = make_occupation()
    for index in range(60):
        make_rating(occupation, f"2.A.9.{index:03d}", "IM", percentage=index)
    with django_assert_max_num_queries(12):
        admin_client.get(_url("rating", "changelist"))


def test_view_on_site_goes_to_the_public_profile(admin_client, occupation):
    response = admin_client.get(_url("occupation", "change", occupation.pk))
    assert reverse("career_detail", args=[occupation.code]) in response.content.decode()


def test_occupation_change_form_does_not_query_per_inline_row(
    admin_client, django_assert_max_num_queries
):
    occupation = make_complete_occupation()
    for index in range(80):
        make_alternate_title(occupation, f"Title {index:03d}")
        make_rating(occupation, f"2.A.9.{index:03d}", "IM", percentage=index)
    with django_assert_max_num_queries(14):
        admin_client.get(_url("occupation", "change", occupation.pk))


def test_the_data_release_page_says_what_is_loaded_and_how_to_import_a_newer_one(admin_client):
    from occupations.models import DataRelease

    release = DataRelease.objects.create(
        source=DataRelease.Source.ONET,
        version="29.3",
        location="../shared/onet/db_29_3_excel",
        file_format="excel",
        files={"Skills.xlsx": {"sha256": "x", "rows": 61530}},
        counts={"created": 61530},
        skipped=["Abilities", "Work Context"],
    )
    listed = admin_client.get(_url("datarelease", "changelist")).content.decode()
    assert "61,530" in listed
    html = admin_client.get(_url("datarelease", "change", release.pk)).content.decode()
    assert "Skills.xlsx: 61,530 rows" in html
    assert "<p>Abilities</p>" in html
    assert "python manage.py import_onet https://www.onetcenter.org/" in html
    assert "python manage.py import_onet PATH" in html


def test_every_page_names_a_favicon_that_exists(client):
    from django.contrib.staticfiles import finders

    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon' in html
    assert finders.find("favicon.svg")
