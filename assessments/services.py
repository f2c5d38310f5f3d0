"""Every write of the assessments app: starting, answering and finishing an assessment, and
loading, copying and publishing questionnaire versions.

Answers are upserted with one INSERT … ON CONFLICT (SQLite and PostgreSQL), so two tabs saving
the same item at once end with one row holding the last value. The assessment row is locked
first, so an answer cannot slip in while another request finishes the assessment.
"""

from __future__ import annotations

import logging
import re
import secrets
import smtplib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone

from assessments import career_codes, fit_array, matching, queries, ratelimit
from assessments.bank import Bank, BankSection, next_version
from assessments.models import POINTS, Answer, Assessment, Item, Questionnaire, Result, Section
from assessments.scoring import DEFAULT_WEIGHTS, SCORING_VERSION, Weights, build_profile, rank
from assessments.top_careers import best_codes
from occupations.models import CatalogVersion, DataRelease, Descriptor, Occupation

logger = logging.getLogger(__name__)

# 24 random bytes: 192 bits, 32 URL-safe characters.
TOKEN_BYTES = 24


class MailNotSent(Exception):
    pass


@dataclass
class LoadResult:
    questionnaire: Questionnaire
    created: bool
    published_now: bool
    descriptors_created: list[str] = field(default_factory=list)
    # (element id, name in the catalog, trait named in the file) where they differ.
    names_differ: list[tuple[str, str, str]] = field(default_factory=list)


def assessment_start(
    *, questionnaire: Questionnaire, form: str, user: AbstractBaseUser | None = None
) -> Assessment:
    """Start an assessment; a logged-in user's belongs to them from the start."""
    if not questionnaire.published:
        raise ValidationError(
            "This questionnaire version is a draft and cannot be taken yet.", code="draft"
        )
    if form not in Assessment.Form.values:
        raise ValidationError("Choose the short or the full form.", code="form")
    assessment = Assessment(
        token=secrets.token_urlsafe(TOKEN_BYTES), questionnaire=questionnaire, form=form, user=user
    )
    assessment.full_clean()
    assessment.save()
    return assessment


@dataclass(frozen=True)
class Saved:
    answer: Answer
    answered: int  # answers the assessment has now


def answer_save(
    *,
    assessment: Assessment,
    value: object,
    item: Item | None = None,
    item_key: str = "",
) -> Saved:
    """Save one answer; raise ValidationError (with a code) and store nothing if it is refused."""
    if item is not None:
        if item.questionnaire_id != assessment.questionnaire_id:
            raise ValidationError(
                f"Statement {item.key} belongs to another version of the questionnaire.",
                code="other_questionnaire",
            )
        item_key = item.key
    try:
        # One click's autosave: the page's form sends every answer again on Next, so a database
        # crash within a fraction of a second of this commit loses nothing the user cannot see.
        # Inside a caller's transaction the commit is the caller's, and stays durable.
        answers, answered = _save(assessment, {item_key: value}, durable=connection.in_atomic_block)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise error.error_dict[item_key][0] from None
        raise
    return Saved(answers[0], answered)


def answers_save(*, assessment: Assessment, values: Mapping[str, object]) -> list[Answer]:
    """Save several answers (a page), keyed by item key: all of them or, on any error, none.

    Errors come back as one ValidationError with a message per item key. Answers equal to the
    stored ones are not written again, so a repeated post changes nothing.
    """
    return _save(assessment, values)[0]


@transaction.atomic
def _save(
    assessment: Assessment, values: Mapping[str, object], *, durable: bool = True
) -> tuple[list[Answer], int]:
    """The answers saved and how many the assessment has now, in two statements: the
    assessment's UPDATE, which locks it and counts its answers, and the upsert (the
    questionnaire's items are cached).

    `durable=False` lets PostgreSQL report the commit before its WAL reaches the disk: the
    answers are just as safe from other requests and from an app crash, but a crash of the
    database server itself may undo the last fraction of a second of them. Waiting for that
    flush is most of an autosave's time.
    """
    if not durable and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    now = timezone.now()
    items = queries.form_items_by_key(assessment)
    wanted = [items[key].pk for key in values if key in items]
    total, already = _touch_unfinished(assessment, now, wanted)
    answers: list[Answer] = []
    errors: dict[str, ValidationError] = {}
    for key, raw in values.items():
        try:
            item = items.get(key) or _raise_unknown_item(assessment, key)
            answer = Answer(assessment=assessment, item=item, value=_choice(raw), answered_at=now)
            # Both related rows were just read; the unique (assessment, item) constraint is what
            # the upsert below relies on, so neither needs a query here.
            answer.full_clean(exclude=["assessment", "item"], validate_constraints=False)
        except ValidationError as error:
            errors[key] = error
        else:
            answers.append(answer)
    if errors:
        raise ValidationError(errors)
    if answers:
        _upsert_answers(answers)
    # Every writer of answers holds the assessment's lock from the UPDATE on, so the counts hold.
    return answers, total + len(answers) - already


@transaction.atomic
def assessment_finish(*, assessment: Assessment) -> Assessment:
    """Mark the assessment finished; finishing twice is harmless.

    Refuses with code "incomplete" while items are unanswered; `error.params["missing"]` lists
    their keys.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_finished:
        return locked
    missing = list(
        locked.form_items()
        .exclude(pk__in=Answer.objects.filter(assessment=locked).values("item_id"))
        .values_list("key", flat=True)
    )
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise ValidationError(
            "%(count)d statements are not answered yet: %(shown)s.",
            code="incomplete",
            params={"count": len(missing), "shown": shown, "missing": missing},
        )
    locked.finished_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["finished_at", "updated"])
    assessment.finished_at = locked.finished_at
    result_create(assessment=locked)
    return locked


@transaction.atomic
def assessment_set_current_job(
    *, assessment: Assessment, occupation: Occupation | None
) -> Assessment:
    """Record the job the person holds (None clears it); kept with the assessment."""
    assessment.current_occupation = occupation
    assessment.full_clean()
    assessment.save(update_fields=["current_occupation", "updated"])
    return assessment


@transaction.atomic
def result_create(*, assessment: Assessment, weights: Weights = DEFAULT_WEIGHTS) -> Result:
    """Score a finished assessment against the current catalog and store the snapshot."""
    if not assessment.is_finished:
        raise ValidationError("Finish the assessment before it can be scored.", code="unfinished")
    traits, items = matching.questionnaire_key(assessment.questionnaire, assessment.form)
    answers = dict(assessment.answers.values_list("item__key", "value"))
    profile = build_profile(answers=answers, items=items, traits=traits)
    version = CatalogVersion.current()
    matrix = matching.occupation_matrix(traits)
    ranking = rank(profile, matrix, weights)
    result = Result(
        assessment=assessment,
        questionnaire_version=assessment.questionnaire.version,
        scoring_version=SCORING_VERSION,
        data_release=DataRelease.objects.filter(source=DataRelease.Source.ONET).first(),
        catalog_version=version,
        weights=ranking.weights.as_dict(),
        holland_code=profile.holland_code,
        profile=[
            {
                "element_id": score.trait.element_id,
                "name": score.trait.name,
                "domain": score.trait.domain,
                "percentage": None if score.percentage is None else round(score.percentage, 2),
                "answered": score.answered,
                "error": None if score.error is None else round(score.error, 2),
            }
            for score in profile.scores
        ],
        notes=list(profile.notes),
        career_codes=career_codes.stored(matrix.codes),
        fit_packed=fit_array.pack(ranking.fit),
    )
    best = best_codes(matrix.codes, result.fit, count=Result.TOP_KEPT)
    result.top = [[code, fit] for code, fit in best]
    result.full_clean()
    result.save()
    return result


def resume_link_send(*, assessment: Assessment, email: str, url: str, client: str) -> None:
    """Email the resume link. The address is used for this one message and never stored.

    A few per hour is plenty for a person; the limits per link, per recipient and per client
    address keep the form from being used to send mail to strangers.
    """
    validate_email(email)
    if (
        ratelimit.hit("mail_link", assessment.token)
        | ratelimit.hit("mail_to", email)
        | (ratelimit.hit("mail_from", client))
    ):
        raise ValidationError(
            "This link, this address or your network was sent several emails in the last hour. "
            "Please copy the link instead.",
            code="too_many",
        )
    body = (
        "Here is the link to continue your careerfit assessment:\n\n"
        f"{url}\n\n"
        "Anyone with this link can see and change your answers, so keep it private.\n"
        "You asked for this email on careerfit; we did not keep your address.\n"
    )
    try:
        send_mail("Your careerfit link", body, None, [email])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Resume link email failed: %s", error.__class__.__name__)
        raise MailNotSent from error


@transaction.atomic
def questionnaire_load(
    *, bank: Bank, on_section: Callable[[BankSection], None] | None = None
) -> LoadResult:
    """Store and publish an item bank; loading the same bank again changes nothing.

    A version already stored with other content is refused: published versions never change.
    """
    existing = Questionnaire.objects.select_for_update().filter(version=bank.version).first()
    if existing is not None:
        if queries.questionnaire_bank(existing).content() != bank.content():
            taken = set(Questionnaire.objects.values_list("version", flat=True))
            raise ValidationError(
                f"Version {bank.version} is already stored with different content, and a stored "
                "version never changes. Give the file a new version (for example "
                f'"{next_version(bank.version, taken)}") and load it again.',
                code="version_changed",
            )
        published_now = not existing.published
        if published_now:
            questionnaire_publish(questionnaire=existing)
        return LoadResult(questionnaire=existing, created=False, published_now=published_now)

    descriptors, created, names_differ = _descriptors_for(bank)
    questionnaire = Questionnaire(
        version=bank.version,
        title=bank.title,
        short_minutes=bank.minutes["short"],
        full_minutes=bank.minutes["full"],
    )
    questionnaire.full_clean()
    questionnaire.save()
    for position, bank_section in enumerate(bank.sections, start=1):
        section = Section(
            questionnaire=questionnaire,
            key=bank_section.key,
            title=bank_section.title,
            intro=bank_section.intro,
            position=position,
            scale_key=bank_section.scale_key,
            scale_labels=list(bank_section.scale_labels),
        )
        section.full_clean()
        section.save()
        items = [
            Item(
                questionnaire=questionnaire,
                section=section,
                key=bank_item.key,
                text=bank_item.text,
                descriptor=descriptors[bank_item.descriptor],
                keyed=bank_item.keyed,
                in_short_form=bank_item.short,
                position=index,
            )
            for index, bank_item in enumerate(bank_section.items, start=1)
        ]
        for item in items:
            # The related rows were just fetched or made, and parse_bank checked keys unique.
            item.full_clean(
                exclude=["questionnaire", "section", "descriptor"], validate_constraints=False
            )
        Item.objects.bulk_create(items)
        if on_section:
            on_section(bank_section)
    return LoadResult(
        questionnaire=questionnaire_publish(questionnaire=questionnaire),
        created=True,
        published_now=True,
        descriptors_created=created,
        names_differ=names_differ,
    )


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire) -> Questionnaire:
    """A new draft version with the same sections and items, for editing."""
    taken = set(Questionnaire.objects.values_list("version", flat=True))
    copy = Questionnaire(
        version=next_version(questionnaire.version, taken),
        title=questionnaire.title,
        short_minutes=questionnaire.short_minutes,
        full_minutes=questionnaire.full_minutes,
    )
    copy.full_clean()
    copy.save()
    sections = {}
    for section in questionnaire.sections.all():
        sections[section.pk] = Section(
            questionnaire=copy,
            key=section.key,
            title=section.title,
            intro=section.intro,
            position=section.position,
            scale_key=section.scale_key,
            scale_labels=list(section.scale_labels),
        )
        sections[section.pk].full_clean()
        sections[section.pk].save()
    items = [
        Item(
            questionnaire=copy,
            section=sections[item.section_id],
            key=item.key,
            text=item.text,
            descriptor_id=item.descriptor_id,
            keyed=item.keyed,
            in_short_form=item.in_short_form,
            position=item.position,
        )
        for item in questionnaire.items.all()
    ]
    for item in items:
        item.full_clean(exclude=["questionnaire", "section", "descriptor"])
    Item.objects.bulk_create(items)
    return copy


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire) -> Questionnaire:
    """Publish a draft; from then on it is read-only and the quiz serves it."""
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if locked.published:
        raise ValidationError(f"Version {locked.version} is already published.", code="published")
    problems = []
    for section in locked.sections.all():
        try:
            section.full_clean()
        except ValidationError as error:
            problems.append(f"section {section.key}: {'; '.join(error.messages)}")
        if not section.items.exists():
            problems.append(f"section {section.key} has no items")
        elif not section.items.filter(in_short_form=True).exists():
            problems.append(f"section {section.key} has no short-form items")
    if not locked.sections.exists():
        problems.append("it has no sections")
    if problems:
        raise ValidationError(
            f"Version {locked.version} cannot be published: {'; '.join(problems)}.",
            code="incomplete",
        )
    locked.published = True
    locked.published_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["published", "published_at"])
    questionnaire.published, questionnaire.published_at = True, locked.published_at
    return locked


def _descriptors_for(
    bank: Bank,
) -> tuple[dict[str, Descriptor], list[str], list[tuple[str, str, str]]]:
    """The bank's descriptors by element id, creating those the catalog does not have yet."""
    wanted: dict[str, tuple[str, str]] = {}
    for section in bank.sections:
        for item in section.items:
            wanted.setdefault(item.descriptor, (item.trait, section.key))
    found = {d.element_id: d for d in Descriptor.objects.filter(element_id__in=list(wanted))}
    created, names_differ = [], []
    for element_id, (trait, domain) in wanted.items():
        descriptor = found.get(element_id)
        if descriptor is None:
            descriptor = Descriptor(element_id=element_id, name=trait, domain=domain)
            descriptor.full_clean()
            descriptor.save()
            found[element_id] = descriptor
            created.append(element_id)
        elif descriptor.name != trait:
            names_differ.append((element_id, descriptor.name, trait))
    return found, created, names_differ


def _touch_unfinished(assessment: Assessment, now: object, items: list[int]) -> tuple[int, int]:
    """Mark the assessment changed, or refuse if it is finished; (its answers, those of them
    for `items`).

    The UPDATE takes the row's lock, as finishing does, so an answer cannot slip in while
    another request finishes the assessment. RETURNING needs SQLite 3.35 or newer.
    """
    table = connection.ops.quote_name(Assessment._meta.db_table)
    answers = connection.ops.quote_name(Answer._meta.db_table)
    among = ", ".join(["%s"] * len(items)) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET updated = %s WHERE id = %s AND finished_at IS NULL RETURNING "
            f"(SELECT COUNT(*) FROM {answers} WHERE assessment_id = %s), "
            f"(SELECT COUNT(*) FROM {answers} WHERE assessment_id = %s AND item_id IN ({among}))",
            [
                connection.ops.adapt_datetimefield_value(now),
                *(assessment.pk, assessment.pk, assessment.pk),
                *items,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        raise _finished()
    assessment.updated = now
    return row[0], row[1]


def _finished() -> ValidationError:
    return ValidationError(
        "This assessment is finished, so its answers can no longer change.", code="finished"
    )


def _upsert_answers(answers: list[Answer]) -> None:
    """INSERT … ON CONFLICT on both databases: two tabs saving the same item at once end with
    one row holding the last value; an unchanged value is not written (nor its time)."""
    table = connection.ops.quote_name(Answer._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(answers))
    params: list[object] = []
    for answer in answers:
        answered_at = connection.ops.adapt_datetimefield_value(answer.answered_at)
        params += [answer.assessment_id, answer.item_id, answer.value, answered_at]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (assessment_id, item_id, value, answered_at) VALUES {rows} "
            "ON CONFLICT (assessment_id, item_id) DO UPDATE SET value = excluded.value, "
            f"answered_at = excluded.answered_at WHERE {table}.value <> excluded.value",
            params,
        )


def _raise_unknown_item(assessment: Assessment, key: str) -> Item:
    shown = key if len(key) <= 40 else key[:40] + "…"
    if assessment.form == Assessment.Form.SHORT and (
        Item.objects.filter(questionnaire_id=assessment.questionnaire_id, key=key).exists()
    ):
        raise ValidationError(
            f"Statement {shown} is only in the full form, and you are taking the short form.",
            code="not_in_form",
        )
    raise ValidationError(
        f"There is no statement “{shown}” in this questionnaire.", code="unknown_item"
    )


def _choice(raw: object) -> int:
    """An answer value from a form post or code: a whole number on the 1..POINTS scale."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and re.fullmatch(r"\s*[0-9]{1,3}\s*", raw):
        value = int(raw)
    elif raw in ("", None):
        raise ValidationError("Choose one of the answers.", code="missing_value")
    else:
        shown = str(raw)[:20]
        raise ValidationError(
            f"“{shown}” is not an answer: choose one of the {POINTS} options.",
            code="not_a_number",
        )
    if not 1 <= value <= POINTS:
        raise ValidationError(
            f"{value} is outside the scale: choose one of the {POINTS} options (1 to {POINTS}).",
            code="out_of_range",
        )
    return value
