from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import CharField, F, Value
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments.models import Assessment
from careerfit.compiled import Compiled
from tests.assessments.factories import make_assessment

pytestmark = pytest.mark.django_db

BY_TOKEN = Compiled(
    Assessment,
    lambda token: Assessment.objects.select_related("questionnaire", "user").filter(token=token),
    arity=1,
)
BY_TOKEN_AND_FORM = Compiled(
    Assessment,
    lambda token, form: Assessment.objects.filter(token=token, form=form).order_by("-id"),
    arity=2,
)


def as_queryset_would(token: str) -> list[Assessment]:
    return list(Assessment.objects.select_related("questionnaire", "user").filter(token=token))


def test_it_gives_the_same_objects_as_the_queryset_with_related_rows_in_one_query():
    assessment = make_assessment()
    with CaptureQueriesContext(connection) as captured:
        (found,) = BY_TOKEN(assessment.token)
        assert found.questionnaire.version == assessment.questionnaire.version
        assert found.user is None
    assert len(captured) == 1
    (expected,) = as_queryset_would(assessment.token)
    names = [field.attname for field in Assessment._meta.concrete_fields]
    assert [getattr(found, name) for name in names] == [getattr(expected, name) for name in names]
    # Converted like the ORM converts (dates are aware datetimes on both databases).
    assert found.created == assessment.created
    assert found.created.tzinfo is not None
    assert not found._state.adding


def test_each_call_uses_its_own_arguments():
    one = make_assessment()
    two = make_assessment(one.questionnaire, form="full")
    assert [a.pk for a in BY_TOKEN_AND_FORM(one.token, "short")] == [one.pk]
    assert BY_TOKEN_AND_FORM(one.token, "full") == []
    assert [a.pk for a in BY_TOKEN_AND_FORM(two.token, "full")] == [two.pk]
    assert BY_TOKEN("no-such-token-at-all") == []


def test_it_takes_only_its_string_arguments():
    with pytest.raises(TypeError, match="string arguments"):
        BY_TOKEN(1)
    with pytest.raises(TypeError, match="string arguments"):
        BY_TOKEN("a", "b")


def test_a_queryset_that_does_not_use_an_argument_is_refused():
    unused = Compiled(Assessment, lambda token: Assessment.objects.all(), arity=1)
    with pytest.raises(ValueError, match="every argument"):
        unused("x")


class GeneratedTokens(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
    )
    def test_any_text_finds_what_the_queryset_finds(self, token):
        assert BY_TOKEN(token) == as_queryset_would(token)


def test_a_lookup_that_would_change_its_argument_is_refused():
    # LIKE-based lookups escape % and _ (SQLite) or wrap the value: run with the compiled SQL,
    # real arguments would skip that.
    for lookup in ("token__contains", "token__startswith"):
        changed = Compiled(
            Assessment,
            lambda token, lookup=lookup: Assessment.objects.filter(**{lookup: token}),
            arity=1,
        )
        with pytest.raises(ValueError, match="every argument"):
            changed("%")


def test_annotations_are_set_as_the_queryset_sets_them():
    assessment = make_assessment()
    with_answers = Compiled(
        Assessment,
        lambda token: Assessment.objects.filter(token=token).annotate(
            doubled=F("id") * 2, label=Value("x", output_field=CharField())
        ),
        arity=1,
    )
    (found,) = with_answers(assessment.token)
    assert (found.doubled, found.label) == (2 * assessment.pk, "x")
