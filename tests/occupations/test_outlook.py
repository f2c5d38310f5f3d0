from __future__ import annotations

from decimal import Decimal

import pytest

from occupations.outlook import Label, floors, format_change, format_thousands, label_for

AVERAGE = Decimal("3.1")  # all occupations, 2024–2034


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("-5.5", Label.DECLINING),
        ("-1.1", Label.DECLINING),
        ("-1.0", Label.LITTLE_OR_NO_CHANGE),
        ("0.0", Label.LITTLE_OR_NO_CHANGE),
        ("0.9", Label.LITTLE_OR_NO_CHANGE),
        ("1.0", Label.SLOWER),
        ("2.0", Label.SLOWER),
        ("2.1", Label.AVERAGE),
        ("3.1", Label.AVERAGE),
        ("4.0", Label.AVERAGE),
        ("4.1", Label.FASTER),
        ("7.0", Label.FASTER),
        ("7.1", Label.MUCH_FASTER),
        ("49.9", Label.MUCH_FASTER),
    ],
)
def test_labels_compare_the_change_with_the_all_occupations_average(percent, expected):
    assert label_for(Decimal(percent), AVERAGE) is expected


def test_the_floors_of_each_label_are_documented_numbers():
    assert floors(AVERAGE) == {
        Label.DECLINING: None,
        Label.LITTLE_OR_NO_CHANGE: Decimal("-1.0"),
        Label.SLOWER: Decimal("1.0"),
        Label.AVERAGE: Decimal("2.1"),
        Label.FASTER: Decimal("4.1"),
        Label.MUCH_FASTER: Decimal("7.1"),
    }


def test_labels_follow_the_average_when_it_moves():
    assert label_for(Decimal("6.0"), Decimal("6.0")) is Label.AVERAGE
    assert label_for(Decimal("4.5"), Decimal("6.0")) is Label.SLOWER
    assert label_for(Decimal("10.0"), Decimal("6.0")) is Label.MUCH_FASTER


def test_a_shrinking_job_is_declining_whatever_the_average():
    assert label_for(Decimal("-2.0"), Decimal("-5.0")) is Label.DECLINING


def test_with_an_average_near_zero_every_change_still_gets_one_label():
    bands = floors(Decimal("-3.0"))
    values = [floor for floor in bands.values() if floor is not None]
    assert values == sorted(values)
    assert label_for(Decimal("0.5"), Decimal("-3.0")) is Label.LITTLE_OR_NO_CHANGE
    assert label_for(Decimal("1.5"), Decimal("-3.0")) is Label.MUCH_FASTER


def test_an_unknown_change_or_average_has_no_label():
    assert label_for(None, AVERAGE) is None
    assert label_for(Decimal("1.0"), None) is None


def test_labels_read_the_way_users_know_them():
    assert [label.text for label in Label] == [
        "Declining",
        "Little or no change",
        "Slower than average",
        "As fast as average",
        "Faster than average",
        "Much faster than average",
    ]
    assert Label.from_slug("much-faster") is Label.MUCH_FASTER
    assert Label.from_slug("little-or-no-change") is Label.LITTLE_OR_NO_CHANGE
    assert Label.from_slug("nonsense") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("-5.5"), "−5.5%"),
        (Decimal("3.1"), "+3.1%"),
        (Decimal("0.0"), "0.0%"),
        (Decimal("-0.0"), "0.0%"),
        (Decimal("12"), "+12.0%"),
        (None, "Not available"),
    ],
)
def test_changes_show_a_sign_and_one_decimal(value, expected):
    assert format_change(value) == expected


def test_employment_reads_in_thousands_as_published():
    assert format_thousands(Decimal("2814.0")) == "2,814.0 thousand"
    assert format_thousands(Decimal("341.7")) == "341.7 thousand"
    assert format_thousands(Decimal("-153.7")) == "−153.7 thousand"
    assert format_thousands(Decimal("13.3"), signed=True) == "+13.3 thousand"
    assert format_thousands(None) == "Not available"


def test_bands_put_every_label_in_words_for_the_method_page():
    from decimal import Decimal

    from occupations.outlook import Label, bands

    assert bands(Decimal("3.1")) == [
        (Label.DECLINING, "below −1.0%"),
        (Label.LITTLE_OR_NO_CHANGE, "from −1.0% to under +1.0%"),
        (Label.SLOWER, "from +1.0% to under +2.1%"),
        (Label.AVERAGE, "from +2.1% to under +4.1%"),
        (Label.FASTER, "from +4.1% to under +7.1%"),
        (Label.MUCH_FASTER, "+7.1% or more"),
    ]
    # With an average near zero the "slower" band is empty and left out.
    assert Label.SLOWER not in dict(bands(Decimal("0.5")))
