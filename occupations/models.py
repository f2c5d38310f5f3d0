"""The occupation catalog: what the O*NET content model and BLS OEWS really contain.

The schema is generic on purpose: a descriptor is any O*NET element, a rating any (element, scale)
value, so a new O*NET release with new elements or scales imports without code changes.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from careerfit.numbers import whole


class DataRelease(models.Model):
    class Source(models.TextChoices):
        ONET = "onet", "O*NET"
        OEWS = "oews", "BLS OEWS"
        PROJECTIONS = "projections", "BLS Employment Projections"
        AI_EXPOSURE = "ai_exposure", "AI exposure (GPTs are GPTs)"
        OEWS_INDUSTRIES = "oews_industries", "BLS OEWS by industry"

    source = models.CharField(max_length=20, choices=Source.choices)
    version = models.CharField(max_length=40, blank=True)
    location = models.CharField(max_length=500, help_text="Path or URL the release was read from.")
    file_format = models.CharField(max_length=20, blank=True)
    # {file name: {"sha256": ..., "rows": ...}} so an import can be traced to exact bytes.
    files = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    skipped = models.JSONField(default=list, blank=True)
    seconds = models.FloatField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        get_latest_by = "imported_at"

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.version}".strip()

    @property
    def attribution(self) -> str:
        if self.source == self.Source.AI_EXPOSURE:
            return (
                "AI exposure from Eloundou, Manning, Mishkin & Rock, “GPTs are GPTs: Labor market "
                "impact potential of LLMs”, Science 384 (2024), used under the MIT licence."
            )
        if self.source != self.Source.ONET:
            return ""
        return (
            f"This site incorporates information from O*NET {self.version} Database by the U.S. "
            "Department of Labor, Employment and Training Administration (USDOL/ETA), used under "
            "the CC BY 4.0 license."
        )


class Domain(models.TextChoices):
    INTERESTS = "interests", "Interests"
    WORK_STYLES = "work_styles", "Work styles"
    WORK_VALUES = "work_values", "Work values"
    SKILLS = "skills", "Skills"
    KNOWLEDGE = "knowledge", "Knowledge"
    ABILITIES = "abilities", "Abilities"
    WORK_ACTIVITIES = "work_activities", "Work activities"
    WORK_CONTEXT = "work_context", "Work context"
    EDUCATION = "education", "Education, training and experience"


class Scale(models.Model):
    scale_id = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    minimum = models.FloatField()
    maximum = models.FloatField()

    class Meta:
        ordering = ["scale_id"]

    def __str__(self) -> str:
        return f"{self.scale_id} {self.name} ({self.minimum:g}–{self.maximum:g})"

    def percentage(self, value: float) -> float:
        return 100.0 * (value - self.minimum) / (self.maximum - self.minimum)


class Descriptor(models.Model):
    element_id = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=20, choices=Domain.choices, blank=True, db_index=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["element_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.element_id})"


class ScaleCategory(models.Model):
    """What category N means on a categorical scale, e.g. RL 3 = "High School Diploma"."""

    descriptor = models.ForeignKey(Descriptor, on_delete=models.CASCADE, related_name="categories")
    scale = models.ForeignKey(Scale, on_delete=models.CASCADE)
    category = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "scale categories"
        ordering = ["descriptor", "scale", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["descriptor", "scale", "category"], name="unique_scale_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scale.scale_id} {self.category}: {self.description}"


class JobZone(models.Model):
    zone = models.PositiveSmallIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    experience = models.TextField(blank=True)
    education = models.TextField(blank=True)
    job_training = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    svp_range = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["zone"]

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    code = models.CharField("O*NET-SOC code", max_length=10, unique=True)
    soc_code = models.CharField("SOC code", max_length=7, db_index=True)
    title = models.CharField(max_length=200, db_index=True)
    description = models.TextField(blank=True)
    job_zone = models.ForeignKey(
        JobZone, null=True, blank=True, on_delete=models.SET_NULL, related_name="occupations"
    )
    # Derived from the interest high-points (IH) at import; blank where O*NET has no interests.
    holland_code = models.CharField(max_length=3, blank=True, db_index=True)
    release = models.ForeignKey(
        DataRelease, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title", "code"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class AlternateTitle(models.Model):
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="alternate_titles"
    )
    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=150, blank=True)
    sources = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "title"], name="unique_alternate_title")
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    class Type(models.TextChoices):
        CORE = "Core", "Core"
        SUPPLEMENTAL = "Supplemental", "Supplemental"
        NONE = "", "Not rated"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="tasks")
    task_id = models.PositiveIntegerField()
    statement = models.TextField()
    task_type = models.CharField(max_length=20, choices=Type.choices, blank=True)
    incumbents_responding = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["occupation", "task_type", "task_id"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "task_id"], name="unique_task")
        ]

    def __str__(self) -> str:
        return self.statement


class RelatedOccupation(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="related")
    related = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=40, blank=True)
    index = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["occupation", "index"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "related"], name="unique_related")
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} → {self.related.code}"


class Rating(models.Model):
    """One O*NET data value: occupation × descriptor × scale (× category for distributions).

    Category 0 means "not a category row". Category rows (education levels, work-context
    response options) carry the share of respondents, already a percentage.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="ratings")
    descriptor = models.ForeignKey(Descriptor, on_delete=models.CASCADE, related_name="ratings")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="+")
    category = models.PositiveSmallIntegerField(default=0)
    value = models.FloatField()
    percentage = models.FloatField(help_text="0–100 on the scale's own range.")
    n = models.PositiveIntegerField(null=True, blank=True)
    standard_error = models.FloatField(null=True, blank=True)
    lower_ci = models.FloatField(null=True, blank=True)
    upper_ci = models.FloatField(null=True, blank=True)
    recommend_suppress = models.BooleanField(default=False)
    not_relevant = models.BooleanField(default=False)
    date = models.CharField(max_length=7, blank=True, help_text="MM/YYYY as published.")
    domain_source = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["occupation", "descriptor", "scale", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "descriptor", "scale", "category"], name="unique_rating"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} {self.descriptor.element_id} {self.scale.scale_id}"


class Area(models.Model):
    class Type(models.IntegerChoices):
        NATION = 1, "Nation"
        STATE = 2, "State"
        TERRITORY = 3, "Territory"
        METRO = 4, "Metropolitan area"
        NONMETRO = 6, "Nonmetropolitan area"

    code = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    area_type = models.PositiveSmallIntegerField(choices=Type.choices)
    primary_state = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["area_type", "title"]
        constraints = [models.UniqueConstraint(fields=["area_type", "code"], name="unique_area")]

    def __str__(self) -> str:
        return self.title


class WageEstimate(models.Model):
    """One OEWS row: employment and wages of one SOC code in one area.

    A missing value (`*`, `**`, `~` in the release) is NULL; a top-coded one (`#`) is NULL
    with its field name listed in `top_coded`, never a number it is not.
    """

    WAGE_FIELDS = (
        "hourly_mean",
        "annual_mean",
        "hourly_p10",
        "hourly_p25",
        "hourly_median",
        "hourly_p75",
        "hourly_p90",
        "annual_p10",
        "annual_p25",
        "annual_median",
        "annual_p75",
        "annual_p90",
    )

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="wages")
    soc_code = models.CharField(max_length=7, db_index=True)
    occupation_title = models.CharField(max_length=200)
    group = models.CharField(max_length=20, blank=True)
    employment = models.PositiveIntegerField(null=True, blank=True)
    employment_rse = models.FloatField(null=True, blank=True)
    jobs_per_1000 = models.FloatField(null=True, blank=True)
    location_quotient = models.FloatField(null=True, blank=True)
    hourly_mean = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    annual_mean = models.PositiveIntegerField(null=True, blank=True)
    mean_rse = models.FloatField(null=True, blank=True)
    hourly_p10 = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_p25 = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_p75 = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    annual_p10 = models.PositiveIntegerField(null=True, blank=True)
    annual_p25 = models.PositiveIntegerField(null=True, blank=True)
    annual_median = models.PositiveIntegerField(null=True, blank=True)
    annual_p75 = models.PositiveIntegerField(null=True, blank=True)
    annual_p90 = models.PositiveIntegerField(null=True, blank=True)
    top_coded = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["area", "soc_code"]
        constraints = [
            models.UniqueConstraint(fields=["area", "soc_code"], name="unique_wage_estimate")
        ]

    def __str__(self) -> str:
        return f"{self.soc_code} in {self.area}"

    def is_top_coded(self, field: str) -> bool:
        return field in self.top_coded


class CatalogVersion(models.Model):
    """A counter that every change to the catalog's ratings bumps.

    Each app process caches the scoring matrix; comparing this one number tells it, whichever
    process made the change, that the cache is stale.
    """

    counter = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Catalog version {self.counter}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("counter", flat=True).first() or 0


class Projection(models.Model):
    """One row of the BLS Employment Projections occupation table (National Employment Matrix).

    Employment, change and openings are in thousands, as published. A value BLS marks "—"
    (not available) is NULL or blank; a median wage at or above the top code is NULL with
    `median_wage_top_coded` set, never a number it is not.
    """

    class Type(models.TextChoices):
        LINE_ITEM = "Line item", "Line item"
        SUMMARY = "Summary", "Summary"

    TOTAL_CODE = "00-0000"

    code = models.CharField("National Employment Matrix code", max_length=7, unique=True)
    title = models.CharField(max_length=200)
    occupation_type = models.CharField(max_length=10, choices=Type.choices)
    base_year = models.PositiveSmallIntegerField()
    projected_year = models.PositiveSmallIntegerField()
    employment_base = models.DecimalField(
        max_digits=9, decimal_places=1, null=True, blank=True, help_text="Thousands."
    )
    employment_projected = models.DecimalField(
        max_digits=9, decimal_places=1, null=True, blank=True, help_text="Thousands."
    )
    change_number = models.DecimalField(
        max_digits=9, decimal_places=1, null=True, blank=True, help_text="Thousands."
    )
    change_percent = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    self_employed_percent = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    openings = models.DecimalField(
        "annual average openings",
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Thousands a year.",
    )
    median_wage = models.PositiveIntegerField("median annual wage", null=True, blank=True)
    median_wage_top_coded = models.BooleanField(default=False)
    education = models.CharField("typical education for entry", max_length=100, blank=True)
    work_experience = models.CharField(
        "work experience in a related occupation", max_length=100, blank=True
    )
    job_training = models.CharField("typical on-the-job training", max_length=100, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class AiExposure(models.Model):
    """Exposure of an O*NET occupation to large language models, from Eloundou, Manning, Mishkin
    & Rock, "GPTs are GPTs", Science 384 (2024), MIT licence. Shares 0–1 of the occupation's
    tasks: α those a language model alone would cut the time of by at least half at the same
    quality; β the same plus half of those that need software built on a model; γ all of them.
    `human_*` were rated by people, `model_*` by GPT-4. An occupation the paper did not rate has
    no row: it shows nothing, never 0.
    """

    code = models.CharField("O*NET-SOC code", max_length=10, unique=True)
    title = models.CharField(max_length=200)
    human_alpha = models.DecimalField(max_digits=5, decimal_places=4)
    human_beta = models.DecimalField(max_digits=5, decimal_places=4)
    human_gamma = models.DecimalField(max_digits=5, decimal_places=4)
    model_alpha = models.DecimalField(max_digits=5, decimal_places=4)
    model_beta = models.DecimalField(max_digits=5, decimal_places=4)
    model_gamma = models.DecimalField(max_digits=5, decimal_places=4)

    class Meta:
        ordering = ["code"]
        verbose_name = "AI exposure"
        verbose_name_plural = "AI exposure"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @staticmethod
    def out_of_100(share: Decimal | float | None) -> int | None:
        """A share 0–1 as the whole number out of 100 that pages show (and filter by)."""
        return None if share is None else whole(float(share) * 100)

    @property
    def score(self) -> int:
        """Human-rated β out of 100: the figure pages show."""
        return self.out_of_100(self.human_beta)

    @property
    def alone_score(self) -> int:
        """Human-rated α out of 100: tasks a model alone would speed up."""
        return self.out_of_100(self.human_alpha)

    @property
    def with_software_score(self) -> int:
        """Human-rated γ out of 100: with software built on a model as well."""
        return self.out_of_100(self.human_gamma)


class IndustryEstimate(models.Model):
    """National OEWS employment and pay of one detailed occupation in one industry (any NAICS
    level) and ownership, from the industry-specific estimates. `share_of_industry` is BLS's
    PCT_TOTAL: the percent of the industry's jobs that are in the occupation."""

    class Level(models.TextChoices):
        CROSS_INDUSTRY = "cross-industry", "Cross-industry"
        SECTOR = "sector", "Sector"
        DIGIT_3 = "3-digit", "3-digit industry"
        DIGIT_4 = "4-digit", "4-digit industry"
        DIGIT_5 = "5-digit", "5-digit industry"
        DIGIT_6 = "6-digit", "6-digit industry"

    soc_code = models.CharField(max_length=7, db_index=True)
    naics = models.CharField("NAICS code", max_length=6)
    naics_title = models.CharField("industry", max_length=200)
    level = models.CharField(max_length=14, choices=Level.choices)
    ownership = models.CharField(max_length=4, help_text="OEWS OWN_CODE, e.g. 5 private.")
    employment = models.PositiveIntegerField(null=True, blank=True)
    share_of_industry = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    annual_median = models.PositiveIntegerField(null=True, blank=True)
    annual_median_top_coded = models.BooleanField(default=False)

    class Meta:
        ordering = ["soc_code", "naics", "ownership"]
        constraints = [
            models.UniqueConstraint(
                fields=["soc_code", "naics", "ownership"], name="industry_estimate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.soc_code} in {self.naics} {self.naics_title}"
