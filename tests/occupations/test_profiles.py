from __future__ import annotations

import pytest

from occupations import profiles
from occupations.models import Area, DataRelease, Task
from tests.factories import (
    make_alternate_title,
    make_area,
    make_category,
    make_complete_occupation,
    make_occupation,
    make_rating,
    make_related,
    make_release,
    make_task,
    make_wage,
)

pytestmark = pytest.mark.django_db


def test_unknown_code_has_no_profile():
    assert profiles.load_profile("99-9999.00") is None


def test_complete_occupation_fills_every_block():
    make_complete_occupation()
    profile = profiles.load_profile("43-4051.00")

    assert profile.occupation.title == "Customer Service Representatives"
    assert profile.alternate_titles == ["Call Center Agent"]
    assert [task.task_type for task in profile.core_tasks] == [Task.Type.CORE]
    assert [task.task_type for task in profile.other_tasks] == [Task.Type.SUPPLEMENTAL]
    assert [item.name for item in profile.interests] == [
        "Realistic",
        "Investigative",
        "Artistic",
        "Social",
        "Enterprising",
        "Conventional",
    ]
    assert profile.holland_types == [("E", "Enterprising"), ("S", "Social"), ("C", "Conventional")]
    assert [item.name for item in profile.work_styles] == ["Dependability"]
    assert profile.work_styles[0].description == "Being reliable and fulfilling obligations."
    assert [item.name for item in profile.work_values] == ["Relationships"]
    assert profile.skills[0].name == "Service Orientation"
    assert profile.skills[0].percentage == pytest.approx(57)
    assert profile.skills[0].level == pytest.approx(45)
    assert [item.name for item in profile.knowledge] == ["Customer and Personal Service"]
    assert [item.name for item in profile.abilities] == ["Oral Comprehension"]
    assert [item.name for item in profile.work_activities] == ["Working with the Public"]
    assert [item.name for item in profile.work_context] == ["Telephone Conversations"]
    [education] = profile.education
    assert education.element_id == "2.D.1"
    assert [(share.name, share.percentage) for share in education.shares] == [
        ("High School Diploma", pytest.approx(55))
    ]
    assert profile.national_wage.annual_median == 44_770
    assert [row.area.title for row in profile.state_wages] == ["Texas"]
    assert [row.area.title for row in profile.metro_wages] == ["Dallas-Fort Worth-Arlington, TX"]
    assert [other.occupation.code for other in profile.related] == ["43-4171.00"]
    assert profile.onet_release.version == "29.3"
    assert profile.oews_release.version == "May 2025"


def test_interest_chart_highlights_the_holland_letters():
    make_complete_occupation()
    chart = profiles.load_profile("43-4051.00").interest_chart
    assert [bar.label for bar in chart.bars if bar.highlight] == [
        "Social",
        "Enterprising",
        "Conventional",
    ]


def test_bare_occupation_has_every_optional_block_empty():
    make_occupation("11-1011.00", "Chief Executives")
    profile = profiles.load_profile("11-1011.00")
    assert profile.interests == []
    assert profile.interest_chart is None
    assert profile.work_styles == profile.work_values == profile.skills == []
    assert profile.education == []
    assert profile.national_wage is None
    assert not profile.has_wages
    assert profile.wage_rows == []
    assert profile.related == []
    assert profile.onet_release is None


def test_suppressed_not_relevant_and_high_point_ratings_are_left_out():
    occupation = make_occupation()
    make_rating(occupation, "2.A.1.a", "IM", percentage=70, name="Reading Comprehension")
    make_rating(
        occupation, "2.A.1.b", "IM", percentage=90, name="Active Listening", recommend_suppress=True
    )
    make_rating(occupation, "2.A.1.c", "IM", percentage=80, name="Writing", not_relevant=True)
    make_rating(occupation, "1.B.1.g", "IH", value=5, name="First Interest High-Point")
    make_rating(occupation, "1.B.2.g", "VH", value=3, name="First Work Value High-Point")

    profile = profiles.load_profile(occupation.code)

    assert [item.name for item in profile.skills] == ["Reading Comprehension"]
    assert profile.interests == []
    assert profile.work_values == []


def test_skills_are_the_top_ten_by_importance_not_level():
    occupation = make_occupation()
    for index in range(12):
        element = f"2.A.2.{index:02d}"
        make_rating(occupation, element, "IM", percentage=10 + index, name=f"Skill {index:02d}")
        # Level runs the other way, so ranking by it would give the opposite order.
        make_rating(occupation, element, "LV", percentage=90 - index, name=f"Skill {index:02d}")

    skills = profiles.load_profile(occupation.code).skills

    assert len(skills) == profiles.TOP_RATED
    assert [item.name for item in skills][:2] == ["Skill 11", "Skill 10"]
    assert all(item.scale_id == "IM" for item in skills)


def test_work_styles_are_sorted_high_to_low():
    occupation = make_occupation()
    make_rating(occupation, "1.C.1.a", "IM", percentage=60, name="Persistence")
    make_rating(occupation, "1.C.1.b", "IM", percentage=94, name="Dependability")
    make_rating(occupation, "1.C.1.c", "IM", percentage=75, name="Initiative")
    names = [item.name for item in profiles.load_profile(occupation.code).work_styles]
    assert names == ["Dependability", "Initiative", "Persistence"]


def test_new_work_styles_prefer_impact_over_distinctiveness_and_replace_old_ones():
    occupation = make_occupation()
    make_rating(occupation, "1.C.1.a", "IM", percentage=94, name="Dependability")
    make_rating(occupation, "1.D.1.a", "WI", value=2.1, name="Attention to Detail")
    make_rating(occupation, "1.D.1.a", "DR", value=9, name="Attention to Detail")
    make_rating(occupation, "1.D.1.b", "DR", value=3, name="Cautiousness")

    styles = profiles.load_profile(occupation.code).work_styles

    assert [(item.name, item.scale_id) for item in styles] == [
        ("Attention to Detail", "WI"),
        ("Cautiousness", "DR"),
    ]
    assert styles[0].percentage == pytest.approx(85)


def test_work_context_shows_plain_context_ratings_only():
    occupation = make_occupation()
    make_rating(occupation, "4.C.1.a.2.l", "CX", percentage=99, name="Telephone")
    make_rating(occupation, "4.C.3.d.1", "CT", percentage=70, name="Time Pressure")
    make_rating(occupation, "4.C.1.a.2.l", "CXP", category=5, percentage=91, name="Telephone")

    context = profiles.load_profile(occupation.code).work_context

    assert [(item.name, item.scale_id) for item in context] == [
        ("Telephone", "CX"),
        ("Time Pressure", "CT"),
    ]


def test_education_shares_keep_category_order_and_drop_tiny_ones():
    occupation = make_occupation()
    make_category("2.D.1", "RL", 1, "Less than a High School Diploma")
    make_category("2.D.1", "RL", 2, "High School Diploma")
    for category, share in ((2, 55), (1, 9), (3, 0.2), (6, 17)):
        make_rating(
            occupation,
            "2.D.1",
            "RL",
            category=category,
            percentage=share,
            name="Required Level of Education",
        )

    [education] = profiles.load_profile(occupation.code).education

    assert [(share.category, share.name) for share in education.shares] == [
        (1, "Less than a High School Diploma"),
        (2, "High School Diploma"),
        (6, "Category 6"),
    ]


def test_education_category_labels_split_into_name_and_explanation():
    occupation = make_occupation()
    make_category("2.D.1", "RL", 2, "High School Diploma - or the equivalent (for example, GED)")
    make_rating(occupation, "2.D.1", "RL", category=2, percentage=55)
    [share] = profiles.load_profile(occupation.code).education[0].shares
    assert (share.name, share.description) == (
        "High School Diploma",
        "or the equivalent (for example, GED)",
    )


def test_job_zone_summary_drops_the_zone_number_words():
    occupation = make_occupation(job_zone=2)
    occupation.job_zone.name = "Job Zone Two: Some Preparation Needed"
    occupation.job_zone.save()
    assert profiles.load_profile(occupation.code).job_zone_summary == "Some Preparation Needed"


def test_wages_split_into_nation_states_and_top_metros():
    occupation = make_occupation()
    make_wage("43-4051")
    make_wage("43-4051", area=make_area(Area.Type.TERRITORY, "72", "Puerto Rico", "PR"))
    make_wage("43-4051", area=make_area(Area.Type.STATE, "06", "California", "CA"))
    for index in range(12):
        make_wage(
            "43-4051",
            area=make_area(Area.Type.METRO, f"1{index:04d}", f"Metro {index:02d}"),
            employment=1000 + index,
        )
    make_wage("43-4051", area=make_area(Area.Type.METRO, "20000", "Tiny metro"), employment=None)
    make_wage("11-1011")  # another occupation's row

    profile = profiles.load_profile(occupation.code)

    assert profile.national_wage.area.area_type == Area.Type.NATION
    assert [row.area.title for row in profile.state_wages] == ["California", "Puerto Rico"]
    assert [row.area.title for row in profile.top_states] == ["California", "Puerto Rico"]
    assert len(profile.metro_wages) == profiles.METROS_SHOWN
    assert profile.metro_wages[0].area.title == "Metro 11"
    assert "Tiny metro" not in [row.area.title for row in profile.metro_wages]


def test_wage_rows_leave_out_rows_with_nothing_to_say():
    occupation = make_occupation()
    make_wage(
        "43-4051",
        annual_median=None,
        hourly_median=None,
        annual_p10=30_000,
        top_coded=["annual_p90"],
    )
    labels = [label for label, *_ in profiles.load_profile(occupation.code).wage_rows]
    assert labels == ["10th percentile", "90th percentile"]


def test_alternate_titles_are_capped_with_a_count_of_the_rest():
    occupation = make_occupation()
    for index in range(profiles.ALTERNATE_TITLES_SHOWN + 3):
        make_alternate_title(occupation, f"Title {index:02d}")
    profile = profiles.load_profile(occupation.code)
    assert len(profile.alternate_titles) == profiles.ALTERNATE_TITLES_SHOWN
    assert profile.other_alternate_title_count == 3


def test_latest_release_of_each_source_is_shown():
    make_occupation()
    make_release(source=DataRelease.Source.ONET, version="29.3")
    make_release(source=DataRelease.Source.ONET, version="30.1")
    make_release(source=DataRelease.Source.OEWS, version="May 2025")
    profile = profiles.load_profile("43-4051.00")
    assert profile.onet_release.version == "30.1"
    assert "O*NET 30.1 Database" in profile.onet_release.attribution
    assert profile.oews_release.version == "May 2025"


def _grow(occupation, size):
    for index in range(size):
        make_task(occupation, f"Task {index}")
        make_alternate_title(occupation, f"Alternate {index}")
        make_rating(occupation, f"2.A.3.{index:02d}", "IM", percentage=index)
        make_rating(occupation, f"2.C.3.{index:02d}", "IM", percentage=index)
        make_rating(occupation, f"4.C.3.{index:02d}", "CX", percentage=index)
        make_wage(
            occupation.soc_code,
            area=make_area(Area.Type.STATE, f"{index:02d}", f"State {index:02d}"),
        )
        make_wage(
            occupation.soc_code,
            area=make_area(Area.Type.METRO, f"3{index:04d}", f"Metro {index:02d}"),
        )
        make_related(
            occupation,
            make_occupation(f"{occupation.code[:3]}99{index:02d}.00", f"Related {index}"),
            index=index,
        )


@pytest.mark.parametrize("size", [1, 30])
def test_query_count_does_not_grow_with_the_data(django_assert_max_num_queries, size):
    occupation = make_complete_occupation()
    _grow(occupation, size)
    # 12: the industries (one query, however many rows) joined the AI exposure in 2026-12; 15:
    # the related careers' pay, outlook and AI exposure (one query each, however many).
    with django_assert_max_num_queries(15):
        profile = profiles.load_profile(occupation.code)
        # Touch everything a template reads, so lazy relations would show up here.
        for row in [*profile.state_wages, *profile.metro_wages]:
            assert row.area.title
        for other in profile.related:
            assert other.occupation.title
            assert other.outlook is None or other.outlook.projection.education is not None
        assert profile.occupation.job_zone.name


def test_first_code_for_soc_prefers_the_00_code():
    make_occupation("29-1141.01", "Acute Care Nurses")
    make_occupation("29-1141.00", "Registered Nurses")
    assert profiles.first_code_for_soc("29-1141") == "29-1141.00"
    assert profiles.first_code_for_soc("99-9999") is None


def test_top_states_are_the_five_with_most_jobs():
    occupation = make_occupation()
    for code, name, jobs in [
        ("06", "California", 183_350),
        ("48", "Texas", 337_170),
        ("12", "Florida", 238_300),
        ("36", "New York", 145_100),
        ("13", "Georgia", 112_790),
        ("17", "Illinois", 109_940),
        ("02", "Alaska", None),
    ]:
        make_wage("43-4051", area=make_area(Area.Type.STATE, code, name), employment=jobs)

    top = profiles.load_profile(occupation.code).top_states

    assert [row.area.title for row in top] == [
        "Texas",
        "Florida",
        "California",
        "New York",
        "Georgia",
    ]
