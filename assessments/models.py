"""The questionnaire (versioned item bank) and the assessments people take on it.

Scoring reads, per assessment, each answer's item with its descriptor element id, keying and
section scale: `assessment.answers.select_related("item__descriptor", "item__section")`.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from assessments import fit_array

# Answers are stored as 1..POINTS; the database refuses anything else.
POINTS = 5

item_key_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]*\Z",
    "Use letters, digits, hyphens and underscores only, e.g. INT-R-01.",
)


def validate_scale_labels(value: object) -> None:
    if (
        not isinstance(value, list)
        or len(value) != POINTS
        or not all(isinstance(label, str) and label.strip() for label in value)
    ):
        raise ValidationError(
            f"Give exactly {POINTS} labels, lowest first, e.g. "
            '["Dislike a lot", "Dislike a little", "Not sure", "Like a little", "Like a lot"].'
        )


class Questionnaire(models.Model):
    version = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    short_minutes = models.PositiveSmallIntegerField(
        help_text="Honest time estimate for the short form, shown before the quiz starts."
    )
    full_minutes = models.PositiveSmallIntegerField(
        help_text="Honest time estimate for the full form."
    )
    published = models.BooleanField(
        default=False, editable=False, help_text="Published versions never change."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(published_at__isnull=False),
                name="published_questionnaire_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}" + ("" if self.published else " (draft)")

    def minutes(self, form: str) -> int:
        return self.short_minutes if form == Assessment.Form.SHORT else self.full_minutes


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.SlugField(max_length=40, help_text="interests, work_styles or work_values")
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    scale_key = models.SlugField(max_length=40, blank=True)
    scale_labels = models.JSONField(
        default=list, validators=[validate_scale_labels], help_text="Answer labels, lowest first."
    )

    class Meta:
        ordering = ["questionnaire_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="unique_section_key")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scale(self) -> list[tuple[int, str]]:
        return list(enumerate(self.scale_labels, start=1))


class ItemQuerySet(models.QuerySet):
    def in_form(self, questionnaire: Questionnaire | int, form: str) -> ItemQuerySet:
        items = self.filter(questionnaire=questionnaire)
        return items.filter(in_short_form=True) if form == "short" else items


class Item(models.Model):
    class Keyed(models.TextChoices):
        PLUS = "+", "+ (higher answer, more of the trait)"
        MINUS = "-", "− (reversed: higher answer, less of the trait)"

    # Redundant with section.questionnaire, so item keys can be unique per version in the database.
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(
        max_length=40,
        validators=[item_key_validator],
        help_text="Stable id that saved answers refer to. Give a reworded item a new key.",
    )
    text = models.CharField(max_length=300)
    descriptor = models.ForeignKey(
        "occupations.Descriptor", on_delete=models.PROTECT, related_name="questionnaire_items"
    )
    keyed = models.CharField(max_length=1, choices=Keyed.choices, default=Keyed.PLUS)
    in_short_form = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["questionnaire_id", "section__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="unique_item_key"),
            models.CheckConstraint(condition=models.Q(keyed__in=["+", "-"]), name="item_keyed"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"

    def clean(self) -> None:
        if (
            self.section_id
            and self.questionnaire_id
            and self.section.questionnaire_id != self.questionnaire_id
        ):
            raise ValidationError({"section": "Pick a section of the same questionnaire."})

    def keyed_value(self, value: int) -> int:
        """The answer on the trait's direction: a reversed item's 5 counts as 1."""
        return value if self.keyed == self.Keyed.PLUS else POINTS + 1 - value


class Assessment(models.Model):
    class Form(models.TextChoices):
        SHORT = "short", "Short form"
        FULL = "full", "Full form"

    # The token is the only credential: whoever has the link can continue the assessment.
    token = models.CharField(max_length=64, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    form = models.CharField(max_length=5, choices=Form.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # "I work as …": the job the person holds (or last held), for career moves. By code, so it
    # survives an import that rewrites the occupation's other fields.
    current_occupation = models.ForeignKey(
        "occupations.Occupation",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(form__in=["short", "full"]), name="assessment_form"
            )
        ]

    def __str__(self) -> str:
        return f"{self.token_prefix}… ({self.get_form_display()})"

    @property
    def token_prefix(self) -> str:
        return self.token[:6]

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def form_items(self) -> ItemQuerySet:
        return Item.objects.in_form(self.questionnaire_id, self.form)


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(POINTS)]
    )
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["assessment_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="unique_answer"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=POINTS), name="answer_value_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.key} = {self.value}"

    @property
    def keyed_value(self) -> int:
        return self.item.keyed_value(self.value)

    @property
    def label(self) -> str:
        return self.item.section.scale_labels[self.value - 1]


class CareerCodes(models.Model):
    """The occupation codes, in catalog code order, that results are scored over.

    Shared by every result of the same catalog (assessments.career_codes), so a result keeps
    only its own numbers.
    """

    digest = models.CharField(max_length=64, unique=True, editable=False)
    codes = models.TextField(editable=False)  # one per line

    class Meta:
        verbose_name = "career code list"

    def __str__(self) -> str:
        return f"{self.codes.count(chr(10)) + 1 if self.codes else 0} career codes"


class Result(models.Model):
    """A scored snapshot of a finished assessment: revisiting it shows the same careers.

    It keeps the user's profile, the FIT of every occupation of the catalog it was scored
    against (packed, parallel to `career_codes`) and its best careers, for lists that show only
    those. Part scores and other weightings are worked out again from the profile.
    """

    TOP_KEPT = 25  # the best careers kept in `top`: what rosters, files and reports show

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    created = models.DateTimeField(auto_now_add=True)
    questionnaire_version = models.CharField(max_length=20)
    scoring_version = models.CharField(max_length=20)
    data_release = models.ForeignKey(
        "occupations.DataRelease", null=True, blank=True, on_delete=models.SET_NULL
    )
    catalog_version = models.PositiveBigIntegerField(default=0)
    weights = models.JSONField(default=dict)
    holland_code = models.CharField(max_length=3, blank=True)
    # [{"element_id", "name", "domain", "percentage", "answered"}, ...] in questionnaire order.
    profile = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    # Empty while the catalog is empty: a result can still show the user's own profile.
    career_codes = models.ForeignKey(
        CareerCodes, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fit_packed = models.BinaryField(default=b"", blank=True)  # assessments.fit_array
    # [[code, FIT], ...] best first, at most TOP_KEPT.
    top = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        get_latest_by = "created"

    def __str__(self) -> str:
        return f"Result {self.pk} of {self.assessment}"

    @property
    def codes(self) -> tuple[str, ...]:
        # Imported here: the per-process cache of code lists reads this module's models.
        from assessments.career_codes import codes_of

        return codes_of(self.career_codes_id)

    @cached_property
    def fit(self) -> np.ndarray:
        """FIT per code of `codes` under the weights it was scored with; NaN where none."""
        return fit_array.unpack(self.fit_packed)


# Sharing with counselors -----------------------------------------------------------------------

# Admins make a user a counselor by adding them to this auth group (created by a migration).
COUNSELORS_GROUP = "Counselors"


class CounselingGroup(models.Model):
    """A counselor's class or caseload; job seekers join it by its invite link."""

    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counseling_groups"
    )
    name = models.CharField(max_length=100)
    # Like an assessment token, the code is a credential: whoever has the link can ask to join.
    invite_code = models.CharField(max_length=64, unique=True, editable=False)
    invite_created = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A job seeker's consent to show a group's counselor their completed results."""

    group = models.ForeignKey(CounselingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    share_all = models.BooleanField(
        default=True, help_text="Every completed result, including ones finished later."
    )
    shared = models.ManyToManyField(
        Assessment,
        blank=True,
        related_name="shared_in",
        help_text="The results shared when not all of them are.",
    )
    consented_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group_id", "-consented_at", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class CounselorNote(models.Model):
    """A counselor's private note on one assessment's results: only its author sees it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counselor_notes"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="counselor_notes"
    )
    text = models.TextField(max_length=5000)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Note {self.pk} by {self.author}"

    @property
    def was_edited(self) -> bool:
        # auto_now and auto_now_add are set a moment apart on creation.
        return (self.updated - self.created).total_seconds() > 1


class RateCounter(models.Model):
    """One rate-limit count in its window (assessments/ratelimit.py), when Redis is not set up.

    The database is what every worker and server already shares, so a limit counts the same
    however many of them run; expired rows are swept now and then by the limiter itself.
    """

    # A hash of the limit's name and what it counts (an address, an account, a link).
    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField()
    # Unix seconds: compared in SQL on both databases without time-zone conversions.
    expires = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count}"
