from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.models import Answer, Assessment, Item, Questionnaire
from tests.assessments.factories import answer_all, make_assessment, make_questionnaire, stored

pytestmark = pytest.mark.django_db


def test_starting_needs_a_published_questionnaire_and_a_known_form():
    draft = make_questionnaire("draft", published=False)
    with pytest.raises(ValidationError, match="draft"):
        services.assessment_start(questionnaire=draft, form="short")
    published = make_questionnaire("t1")
    with pytest.raises(ValidationError, match="short or the full form"):
        services.assessment_start(questionnaire=published, form="medium")
    assert not Assessment.objects.exists()


def test_an_answer_is_saved_and_can_be_changed():
    assessment = make_assessment()
    answer = services.answer_save(assessment=assessment, item_key="T-R-01", value="4").answer
    assert answer.value == 4
    assert answer.label == "Like a little"
    services.answer_save(assessment=assessment, item_key="T-R-01", value=2)
    assert stored(assessment) == {"T-R-01": 2}


def test_a_save_counts_the_answers_the_assessment_has_now():
    assessment = make_assessment()
    counts = [
        services.answer_save(assessment=assessment, item_key=key, value=value).answered
        for key, value in (("T-R-01", 3), ("T-R-02", 4), ("T-R-01", 5), ("T-R-01", 5))
    ]
    # New, new, changed, unchanged.
    assert counts == [1, 2, 2, 2]
    assert Answer.objects.filter(assessment=assessment).count() == 2


def test_an_item_object_can_be_passed_instead_of_its_key():
    assessment = make_assessment()
    item = assessment.form_items().get(key="T-I-02")
    services.answer_save(assessment=assessment, item=item, value=5)
    assert stored(assessment) == {"T-I-02": 5}


def test_saving_the_same_answer_twice_writes_nothing_the_second_time():
    assessment = make_assessment()
    first = services.answer_save(assessment=assessment, item_key="T-R-01", value=3).answer
    services.answer_save(assessment=assessment, item_key="T-R-01", value=3)
    row = Answer.objects.get(assessment=assessment)
    assert row.value == 3
    assert row.answered_at == first.answered_at


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (0, "out_of_range", "0 is outside the scale"),
        (6, "out_of_range", "6 is outside the scale"),
        ("6", "out_of_range", "outside the scale"),
        ("-1", "not_a_number", "is not an answer"),
        ("abc", "not_a_number", "“abc” is not an answer"),
        ("3.5", "not_a_number", "is not an answer"),
        (3.0, "not_a_number", "is not an answer"),
        (True, "not_a_number", "is not an answer"),
        ("", "missing_value", "Choose one of the answers"),
        (None, "missing_value", "Choose one of the answers"),
    ],
)
def test_a_value_off_the_scale_is_refused_and_nothing_is_stored(value, code, message):
    assessment = make_assessment()
    with pytest.raises(ValidationError, match=message) as error:
        services.answer_save(assessment=assessment, item_key="T-R-01", value=value)
    assert error.value.code == code
    assert not Answer.objects.exists()


def test_an_unknown_item_is_refused():
    assessment = make_assessment()
    with pytest.raises(ValidationError, match="no statement “NOPE-01”") as error:
        services.answer_save(assessment=assessment, item_key="NOPE-01", value=3)
    assert error.value.code == "unknown_item"
    assert not Answer.objects.exists()


def test_an_item_of_another_questionnaire_is_refused():
    assessment = make_assessment(make_questionnaire("t1"))
    other = make_questionnaire("t2").items.get(key="T-R-01")
    with pytest.raises(ValidationError, match="another version") as error:
        services.answer_save(assessment=assessment, item=other, value=3)
    assert error.value.code == "other_questionnaire"
    assert not Answer.objects.exists()


def test_a_full_form_item_is_refused_on_the_short_form():
    assessment = make_assessment(form="short")
    with pytest.raises(ValidationError, match="only in the full form") as error:
        services.answer_save(assessment=assessment, item_key="T-R-03", value=3)
    assert error.value.code == "not_in_form"
    full = make_assessment(assessment.questionnaire, form="full")
    services.answer_save(assessment=full, item_key="T-R-03", value=3)
    assert stored(full) == {"T-R-03": 3}


def test_a_finished_assessment_takes_no_more_answers():
    assessment = make_assessment()
    answer_all(assessment, [1, 2, 3])
    services.assessment_finish(assessment=assessment)
    before = stored(assessment)
    with pytest.raises(ValidationError, match="finished") as error:
        services.answer_save(assessment=assessment, item_key="T-R-01", value=5)
    assert error.value.code == "finished"
    assert stored(assessment) == before


def test_a_page_of_answers_is_saved_all_or_nothing():
    assessment = make_assessment()
    with pytest.raises(ValidationError) as error:
        services.answers_save(
            assessment=assessment, values={"T-R-01": "2", "T-I-01": "9", "T-X": "1"}
        )
    assert set(error.value.message_dict) == {"T-I-01", "T-X"}
    assert not Answer.objects.exists()
    services.answers_save(assessment=assessment, values={"T-R-01": "2", "T-I-01": "5"})
    assert stored(assessment) == {"T-R-01": 2, "T-I-01": 5}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
@pytest.mark.django_db(transaction=True)
def test_a_single_autosave_commits_without_waiting_for_the_disk_and_a_page_waits():
    assessment = make_assessment()
    with CaptureQueriesContext(connection) as single:
        services.answer_save(assessment=assessment, item_key="T-R-01", value=1)
    with CaptureQueriesContext(connection) as page:
        services.answers_save(assessment=assessment, values={"T-R-01": 2, "T-I-01": 3})
    relaxed = "SET LOCAL synchronous_commit TO OFF"
    assert relaxed in [query["sql"] for query in single.captured_queries]
    assert relaxed not in [query["sql"] for query in page.captured_queries]
    # LOCAL: the connection, back in the pool, commits durably again.
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)
    assert stored(assessment) == {"T-R-01": 2, "T-I-01": 3}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
@pytest.mark.django_db(transaction=True)
def test_an_autosave_inside_a_callers_transaction_leaves_its_commit_durable():
    assessment = make_assessment()
    with transaction.atomic():
        services.answer_save(assessment=assessment, item_key="T-R-01", value=1)
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("on",)
    assert stored(assessment) == {"T-R-01": 1}


def test_the_last_of_two_tabs_wins_with_one_row():
    assessment = make_assessment()
    tab_one = Assessment.objects.get(pk=assessment.pk)
    tab_two = Assessment.objects.get(pk=assessment.pk)
    services.answer_save(assessment=tab_one, item_key="T-R-01", value=1)
    services.answer_save(assessment=tab_two, item_key="T-R-01", value=5)
    assert Answer.objects.filter(assessment=assessment).count() == 1
    assert stored(assessment) == {"T-R-01": 5}


def test_finishing_needs_every_item_and_names_the_missing_ones():
    assessment = make_assessment()
    services.answers_save(assessment=assessment, values={"T-R-01": 1, "T-R-02": 2})
    with pytest.raises(ValidationError) as error:
        services.assessment_finish(assessment=assessment)
    assert error.value.code == "incomplete"
    assert error.value.params["missing"] == ["T-I-01", "T-I-02", "T-DEP-01", "T-DEP-03"]
    assert "4 statements are not answered yet: T-I-01" in error.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.finished_at is None


def test_finishing_twice_keeps_the_first_finish_time():
    assessment = make_assessment()
    answer_all(assessment)
    first = services.assessment_finish(assessment=assessment).finished_at
    assert assessment.is_finished
    again = services.assessment_finish(assessment=Assessment.objects.get(pk=assessment.pk))
    assert again.finished_at == first


def test_a_copy_is_an_editable_draft_and_the_original_does_not_change():
    original = make_questionnaire("1.0")
    assessment = make_assessment(original)
    answer_all(assessment, 4)
    copy = services.questionnaire_copy(questionnaire=original)
    assert copy.version == "1.1"
    assert not copy.published
    assert sorted(copy.items.values_list("key", flat=True)) == sorted(
        original.items.values_list("key", flat=True)
    )
    Item.objects.filter(questionnaire=copy, key="T-R-01").update(text="Reworded")
    assert original.items.get(key="T-R-01").text == "Realistic task number 1"
    assert Answer.objects.filter(assessment=assessment, item__questionnaire=original).count() == 6
    assert services.questionnaire_copy(questionnaire=original).version == "1.2"


def test_publishing_a_draft_makes_it_the_current_version():
    from assessments.queries import questionnaire_current

    first = make_questionnaire("1.0")
    copy = services.questionnaire_copy(questionnaire=first)
    assert questionnaire_current() == first
    services.questionnaire_publish(questionnaire=copy)
    copy.refresh_from_db()
    assert copy.published
    assert copy.published_at is not None
    assert questionnaire_current() == copy
    with pytest.raises(ValidationError, match="already published"):
        services.questionnaire_publish(questionnaire=copy)


def test_a_draft_without_short_form_items_cannot_be_published():
    draft = make_questionnaire("d1", published=False)
    draft.items.filter(section__key="work_styles").update(in_short_form=False)
    with pytest.raises(ValidationError, match="section work_styles has no short-form items"):
        services.questionnaire_publish(questionnaire=draft)
    assert not Questionnaire.objects.get(pk=draft.pk).published


def send_link(assessment, email: str = "sam@example.com", client: str = "203.0.113.1") -> None:
    services.resume_link_send(assessment=assessment, email=email, url="u", client=client)


def test_the_resume_link_is_emailed_and_the_address_is_not_kept():
    assessment = make_assessment()
    url = f"https://careerfit.example/assessment/{assessment.token}/"
    services.resume_link_send(
        assessment=assessment, email="sam@example.com", url=url, client="203.0.113.1"
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.com"]
    assert url in mail.outbox[0].body
    # Nothing in the database holds the address.
    for model in (Assessment, Answer):
        for field in model._meta.concrete_fields:
            assert "email" not in field.name


def test_one_link_is_not_emailed_too_often(settings):
    allowed, _window = settings.RATE_LIMITS["mail_link"]
    assessment = make_assessment()
    for number in range(allowed):
        send_link(assessment, f"me{number}@example.com", client=f"203.0.113.{number}")
    with pytest.raises(ValidationError, match="several emails") as error:
        send_link(assessment, "another@example.com", client="203.0.113.99")
    assert error.value.code == "too_many"
    assert len(mail.outbox) == allowed


def test_one_address_is_not_sent_many_links_however_many_assessments_ask(settings):
    # Tokens are free to make, so the recipient is limited, not only the link.
    allowed, _window = settings.RATE_LIMITS["mail_to"]
    questionnaire = make_questionnaire()
    for number in range(allowed):
        send_link(make_assessment(questionnaire), "victim@example.com", f"198.51.100.{number}")
    with pytest.raises(ValidationError, match="several emails"):
        send_link(make_assessment(questionnaire), "Victim@Example.com", "198.51.100.99")
    assert len(mail.outbox) == allowed


def test_one_client_cannot_send_links_to_many_addresses(settings):
    allowed, _window = settings.RATE_LIMITS["mail_from"]
    questionnaire = make_questionnaire()
    for number in range(allowed):
        send_link(make_assessment(questionnaire), f"person{number}@example.com")
    with pytest.raises(ValidationError, match="several emails"):
        send_link(make_assessment(questionnaire), "one-more@example.com")
    assert len(mail.outbox) == allowed


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
)
def test_concurrent_saves_of_one_item_leave_one_row():
    assessment = make_assessment()
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def save(value: int) -> None:
        try:
            barrier.wait()
            services.answer_save(assessment=assessment, item_key="T-R-01", value=value)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(value,)) for value in (1, 2, 3, 4, 5, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Answer.objects.filter(assessment=assessment).count() == 1
