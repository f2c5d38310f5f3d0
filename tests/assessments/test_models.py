from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import Answer, Item, Section
from tests.assessments.factories import make_assessment, make_questionnaire

pytestmark = pytest.mark.django_db


def test_tokens_are_long_random_and_unique():
    questionnaire = make_questionnaire()
    first = make_assessment(questionnaire)
    second = make_assessment(questionnaire)
    assert first.token != second.token
    # token_urlsafe: 4 characters per 3 bytes; 32 characters carry 192 bits.
    assert len(first.token) >= 22
    assert set(first.token) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )


def test_the_database_refuses_an_answer_outside_the_scale():
    assessment = make_assessment()
    item = assessment.form_items().first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, item=item, value=6, answered_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, item=item, value=0, answered_at=timezone.now())


def test_the_database_refuses_a_second_answer_to_the_same_item():
    assessment = make_assessment()
    item = assessment.form_items().first()
    Answer.objects.create(assessment=assessment, item=item, value=2, answered_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, item=item, value=4, answered_at=timezone.now())


def test_item_keys_are_unique_within_a_version_but_repeat_across_versions():
    first = make_questionnaire("t1")
    second = make_questionnaire("t2")
    assert Item.objects.filter(key="T-R-01").count() == 2
    item = first.items.get(key="T-R-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(
            questionnaire=first,
            section=item.section,
            key="T-R-01",
            text="Duplicate",
            descriptor=item.descriptor,
        )
    assert second.items.filter(key="T-R-01").exists()


def test_a_reverse_keyed_answer_counts_the_other_way():
    assessment = make_assessment()
    plus = assessment.form_items().get(key="T-DEP-01")
    minus = assessment.form_items().get(key="T-DEP-03")
    assert Answer(item=plus, value=5).keyed_value == 5
    assert Answer(item=minus, value=5).keyed_value == 1
    assert Answer(item=minus, value=2).keyed_value == 4


def test_an_answer_knows_its_label():
    assessment = make_assessment()
    item = assessment.form_items().select_related("section").get(key="T-R-01")
    assert Answer(item=item, value=5).label == "Like a lot"


def test_a_section_needs_five_scale_labels():
    questionnaire = make_questionnaire(published=False)
    section = Section(
        questionnaire=questionnaire, key="work_values", title="Values", scale_labels=["Low", "High"]
    )
    with pytest.raises(ValidationError, match="exactly 5 labels"):
        section.full_clean()


def test_an_item_must_use_a_section_of_its_own_questionnaire():
    first = make_questionnaire("t1")
    second = make_questionnaire("t2", published=False)
    item = second.items.first()
    item.section = first.sections.first()
    with pytest.raises(ValidationError, match="same questionnaire"):
        item.full_clean()


def test_short_and_full_forms_select_their_items():
    questionnaire = make_questionnaire()
    assert make_assessment(questionnaire, form="short").form_items().count() == 6
    assert make_assessment(questionnaire, form="full").form_items().count() == 9
    assert questionnaire.minutes("short") == 2
    assert questionnaire.minutes("full") == 4
