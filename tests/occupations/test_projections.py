from __future__ import annotations

from decimal import Decimal

import pytest

from occupations import projections
from occupations.models import Occupation
from occupations.outlook import Label
from tests.factories import make_occupation
from tests.occupations.projections_data import make_projection, make_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def matrix():
    make_total("3.1")
    make_projection("43-4051", "-5.5", openings=Decimal("341.7"))
    make_projection("13-1020", "5.8", title="Buyers and purchasing agents")
    make_projection("25-2050", "-1.4", occupation_type="Summary", openings=Decimal("40.0"))
    make_projection("29-1171", "40.1", openings=Decimal("29.5"))
    make_projection("15-1252", "2.5", openings=Decimal("100.0"))


def test_outlook_by_soc_labels_each_code_in_one_query(matrix, django_assert_num_queries):
    with django_assert_num_queries(1):
        outlooks = projections.outlook_by_soc(["43-4051", "29-1171", "13-1021", "55-1011", ""])

    assert set(outlooks) == {"43-4051", "29-1171", "13-1021"}
    customer = outlooks["43-4051"]
    assert customer.label is Label.DECLINING
    assert customer.percent == Decimal("-5.5")
    assert customer.openings == Decimal("341.7")
    assert customer.average_percent == Decimal("3.1")
    assert customer.broader is False
    assert outlooks["29-1171"].label is Label.MUCH_FASTER


def test_a_broader_row_stands_in_and_says_so(matrix):
    outlook = projections.outlook_for_soc("13-1021")

    assert outlook is not None
    assert outlook.broader is True
    assert outlook.projection.code == "13-1020"
    assert outlook.label is Label.FASTER


def test_many_codes_still_take_one_query(matrix, django_assert_num_queries):
    codes = [f"43-{number:04d}" for number in range(4000, 4000 + projections.WHOLE_TABLE_FROM)]
    with django_assert_num_queries(1):
        outlooks = projections.outlook_by_soc(codes)

    assert outlooks["43-4051"].label is Label.DECLINING


def test_no_codes_take_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert projections.outlook_by_soc([]) == {}


def test_without_the_total_row_there_is_an_outlook_but_no_label():
    make_projection("43-4051", "-5.5")

    outlook = projections.outlook_for_soc("43-4051")

    assert outlook is not None
    assert outlook.label is None


def _occupations() -> list[Occupation]:
    for code in ("43-4051.00", "13-1021.00", "13-1022.00", "25-2056.00", "29-1171.00"):
        make_occupation(code, f"Job {code}")
    make_occupation("15-1252.00", "Software Developers")
    make_occupation("55-1011.00", "Air Crew Officers")
    return list(Occupation.objects.all())


def test_the_sql_match_agrees_with_the_python_one(matrix):
    occupations = _occupations()
    in_python = projections.outlook_by_soc(o.soc_code for o in occupations)

    annotated = projections.with_outlook(Occupation.objects.all())

    for occupation in annotated:
        expected = in_python.get(occupation.soc_code)
        assert occupation.outlook_code == (expected and expected.projection.code)


@pytest.mark.parametrize("at_least", list(Label))
def test_the_sql_filter_agrees_with_the_labels(matrix, at_least):
    occupations = _occupations()
    in_python = projections.outlook_by_soc(o.soc_code for o in occupations)
    expected = {
        o.code
        for o in occupations
        if o.soc_code in in_python and in_python[o.soc_code].label >= at_least
    }

    found = projections.filter_by_outlook(Occupation.objects.all(), at_least)

    assert {o.code for o in found} == expected


def test_a_change_exactly_on_a_floor_earns_the_label():
    make_total("3.1")
    make_projection("11-1011", "4.1")
    make_occupation("11-1011.00", "Chief Executives")

    faster = projections.filter_by_outlook(Occupation.objects.all(), Label.FASTER)

    assert [o.code for o in faster] == ["11-1011.00"]


def test_without_projections_the_outlook_filter_matches_nothing():
    make_occupation()

    assert not projections.filter_by_outlook(Occupation.objects.all(), Label.SLOWER).exists()


def test_ordering_puts_the_highest_first_and_the_unknown_last(matrix):
    _occupations()

    by_growth = projections.order_by_outlook(Occupation.objects.all(), "outlook_percent")
    by_openings = projections.order_by_outlook(Occupation.objects.all(), "outlook_openings")

    assert [o.code for o in by_growth][:2] == ["29-1171.00", "13-1021.00"]
    assert [o.code for o in by_growth][-1] == "55-1011.00"
    assert [o.code for o in by_openings][:3] == ["43-4051.00", "15-1252.00", "25-2056.00"]
    assert [o.code for o in by_openings][-1] == "55-1011.00"
