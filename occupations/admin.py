"""Admin for the occupation catalog, built to stay fast on the full O*NET and OEWS data.

The catalog is re-imported from releases, so the admin is mainly for looking things up and
fixing the odd row. Inlines that can be huge (alternate titles: up to 2,750 for one occupation;
ratings: hundreds) show a bounded slice and link to their own filtered changelists.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from careerfit.admin_labels import LabelledChangelist, LabelledInlineFormSet
from occupations import charts, holland
from occupations.models import (
    AiExposure,
    AlternateTitle,
    Area,
    DataRelease,
    Descriptor,
    Domain,
    JobZone,
    Occupation,
    Projection,
    Rating,
    RelatedOccupation,
    Scale,
    ScaleCategory,
    Task,
    WageEstimate,
)
from occupations.services import catalog_changed, rating_delete, rating_save

# A few rows to fix in place; all of them are a link away, in their own searchable list.
ALTERNATE_TITLES_INLINE = 10
# Source → (the import command, the setting holding its official download).
IMPORT_COMMANDS = {
    DataRelease.Source.ONET: ("import_onet", "ONET_SOURCE"),
    DataRelease.Source.OEWS: ("import_oews", "OEWS_SOURCE"),
    DataRelease.Source.PROJECTIONS: ("import_projections", "PROJECTIONS_SOURCE"),
    DataRelease.Source.AI_EXPOSURE: ("import_ai_exposure", "AI_EXPOSURE_SOURCE"),
    DataRelease.Source.OEWS_INDUSTRIES: ("import_oews_industries", "OEWS_INDUSTRIES_SOURCE"),
}


def limited_formset(limit: int) -> type[LabelledInlineFormSet]:
    """An inline formset that shows only the first `limit` rows of its queryset."""

    class LimitedFormSet(LabelledInlineFormSet):
        def get_queryset(self) -> QuerySet:
            if not hasattr(self, "_limited"):
                self._limited = super().get_queryset()[:limit]
            return self._limited

    return LimitedFormSet


def _changelist_link(model: type, occupation: Occupation, label: str) -> str:
    url = reverse(f"admin:occupations_{model._meta.model_name}_changelist")
    return format_html('<a href="{}?occupation__id__exact={}">{}</a>', url, occupation.pk, label)


class HollandLetterFilter(admin.SimpleListFilter):
    """Main interest: the first letter of the Holland code, as on the public career browser."""

    title = "main interest"
    parameter_name = "holland"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [*holland.TYPES.items(), ("none", "No Holland code")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "none":
            return queryset.filter(holland_code="")
        if value in holland.TYPES:
            return queryset.filter(holland_code__startswith=value)
        return queryset


class AlternateTitleInline(admin.TabularInline):
    model = AlternateTitle
    extra = 0
    fields = ("title", "short_title", "sources")
    formset = limited_formset(ALTERNATE_TITLES_INLINE)
    verbose_name_plural = f"alternate titles (first {ALTERNATE_TITLES_INLINE} A–Z)"


class RelatedOccupationInline(admin.TabularInline):
    model = RelatedOccupation
    formset = LabelledInlineFormSet
    fk_name = "occupation"
    extra = 0
    fields = ("related", "tier", "index")
    raw_id_fields = ("related",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Each row's label names both occupations.
        return super().get_queryset(request).select_related("occupation", "related")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "job_zone", "holland_code")
    list_display_links = ("code", "title")
    list_filter = ("job_zone", HollandLetterFilter)
    list_select_related = ("job_zone",)
    search_fields = ("^code", "title", "alternate_titles__title")
    readonly_fields = ("release", "catalog_links", "rating_summary")
    fields = (
        ("code", "soc_code"),
        "title",
        "description",
        ("job_zone", "holland_code"),
        "release",
        "catalog_links",
        "rating_summary",
    )
    # Ratings (about 300 an occupation) and tasks are edited in their own filtered lists:
    # as inlines they made this page 15,000 px tall with hundreds of unlabelled inputs.
    inlines = (AlternateTitleInline, RelatedOccupationInline)

    def save_related(
        self, request: HttpRequest, form: object, formsets: object, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Adding, renaming or removing an occupation changes what every ranking lists.
        catalog_changed()

    def delete_model(self, request: HttpRequest, obj: Occupation) -> None:
        super().delete_model(request, obj)
        catalog_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Occupation]) -> None:
        super().delete_queryset(request, queryset)
        catalog_changed()

    def view_on_site(self, occupation: Occupation) -> str:
        return reverse("career_detail", args=[occupation.code])

    @admin.display(description="all rows")
    def catalog_links(self, occupation: Occupation) -> str:
        if occupation.pk is None:
            return "–"
        alternates = occupation.alternate_titles.count()
        tasks = occupation.tasks.count()
        ratings = occupation.ratings.count()
        return format_html(
            "{} · {} · {}",
            _changelist_link(AlternateTitle, occupation, f"{alternates:,} alternate titles"),
            _changelist_link(Task, occupation, f"{tasks:,} tasks"),
            _changelist_link(Rating, occupation, f"{ratings:,} ratings"),
        )

    @admin.display(description="ratings by domain")
    def rating_summary(self, occupation: Occupation) -> str:
        """One line per domain: how many ratings on which scales, linked to their list."""
        if occupation.pk is None:
            return "–"
        counts: dict[str, dict[str, int]] = {}
        for domain, scale_id, number in (
            occupation.ratings.values_list("descriptor__domain", "scale__scale_id")
            .annotate(number=Count("id"))
            .order_by("descriptor__domain", "scale__scale_id")
        ):
            counts.setdefault(domain, {})[scale_id] = number
        if not counts:
            return "No ratings."
        labels = dict(Domain.choices)
        url = reverse("admin:occupations_rating_changelist")
        return format_html_join(
            "",
            '<p><a href="{}?occupation__id__exact={}&amp;descriptor__domain__exact={}">{}</a>: '
            "{}</p>",
            (
                (
                    url,
                    occupation.pk,
                    domain,
                    labels.get(domain, domain or "Other"),
                    ", ".join(f"{number:,} on {scale}" for scale, number in scales.items()),
                )
                for domain, scales in counts.items()
            ),
        )


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("occupation", "task_id", "statement", "task_type")
    list_filter = ("task_type",)
    list_select_related = ("occupation",)
    search_fields = ("=occupation__code", "occupation__title", "statement")
    raw_id_fields = ("occupation",)
    show_full_result_count = False


@admin.register(AlternateTitle)
class AlternateTitleAdmin(admin.ModelAdmin):
    list_display = ("title", "short_title", "occupation", "sources")
    list_select_related = ("occupation",)
    search_fields = ("title", "short_title", "=occupation__code")
    raw_id_fields = ("occupation",)
    show_full_result_count = False


@admin.register(Rating)
class RatingAdmin(LabelledChangelist):
    list_display = (
        "occupation",
        "descriptor",
        "scale",
        "category",
        "value",
        "percentage",
        "recommend_suppress",
        "not_relevant",
    )
    list_filter = ("descriptor__domain", "scale", "recommend_suppress", "not_relevant")
    list_select_related = ("occupation", "descriptor", "scale")
    list_editable = ("value",)
    search_fields = (
        "=occupation__code",
        "occupation__title",
        "=descriptor__element_id",
        "descriptor__name",
    )
    raw_id_fields = ("occupation", "descriptor")
    # The unique index's own order: the default Meta ordering joins three tables to sort.
    ordering = ("occupation_id", "descriptor_id", "scale_id", "category")
    show_full_result_count = False
    readonly_fields = ("percentage",)

    def save_model(self, request: HttpRequest, obj: Rating, form: object, change: bool) -> None:
        rating_save(rating=obj)

    def delete_model(self, request: HttpRequest, obj: Rating) -> None:
        rating_delete(rating=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Rating]) -> None:
        for rating in queryset:
            rating_delete(rating=rating)


@admin.register(Descriptor)
class DescriptorAdmin(admin.ModelAdmin):
    list_display = ("element_id", "name", "domain")
    list_filter = ("domain",)
    search_fields = ("element_id", "name")


@admin.register(Scale)
class ScaleAdmin(admin.ModelAdmin):
    list_display = ("scale_id", "name", "minimum", "maximum")
    search_fields = ("scale_id", "name")


@admin.register(ScaleCategory)
class ScaleCategoryAdmin(admin.ModelAdmin):
    list_display = ("descriptor", "scale", "category", "description")
    list_filter = ("scale",)
    list_select_related = ("descriptor", "scale")
    search_fields = ("=descriptor__element_id", "descriptor__name", "description")
    raw_id_fields = ("descriptor",)


@admin.register(JobZone)
class JobZoneAdmin(admin.ModelAdmin):
    list_display = ("zone", "name", "svp_range")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "area_type", "primary_state")
    list_filter = ("area_type",)
    search_fields = ("title", "=code", "=primary_state")


@admin.register(WageEstimate)
class WageEstimateAdmin(admin.ModelAdmin):
    list_display = (
        "soc_code",
        "occupation_title",
        "area",
        "employment",
        "median_annual",
        "median_hourly",
    )
    list_filter = ("area__area_type",)
    list_select_related = ("area",)
    search_fields = ("^soc_code", "occupation_title")
    autocomplete_fields = ("area",)
    # Sorting on the FK column keeps the 240k-row changelist on an index; "area" would
    # sort by Area's own ordering through a join.
    ordering = ("soc_code", "area_id")
    show_full_result_count = False

    @admin.display(description="median annual wage", ordering="annual_median")
    def median_annual(self, estimate: WageEstimate) -> str:
        return charts.format_money(
            estimate.annual_median,
            hourly=False,
            top_coded=estimate.is_top_coded("annual_median"),
        )

    @admin.display(description="median hourly wage", ordering="hourly_median")
    def median_hourly(self, estimate: WageEstimate) -> str:
        return charts.format_money(
            estimate.hourly_median,
            hourly=True,
            top_coded=estimate.is_top_coded("hourly_median"),
        )


@admin.register(Projection)
class ProjectionAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "occupation_type", "change_percent", "openings", "education")
    list_filter = ("occupation_type", "education")
    search_fields = ("^code", "title")


@admin.register(AiExposure)
class AiExposureAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "human_beta", "human_alpha", "human_gamma", "model_beta")
    search_fields = ("^code", "title")


@admin.register(DataRelease)
class DataReleaseAdmin(admin.ModelAdmin):
    """Import records are written by the importers only; the admin shows what is loaded and
    how to load a newer release."""

    list_display = ("source", "version", "file_format", "imported_at", "row_total", "seconds")
    list_filter = ("source",)
    fields = (
        "source",
        "version",
        "file_format",
        "imported_at",
        "location",
        "table_rows",
        "changes",
        "skipped_text",
        "import_command",
        "seconds",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="rows read")
    def row_total(self, release: DataRelease) -> str:
        return f"{sum(int(f.get('rows') or 0) for f in release.files.values()):,}"

    @admin.display(description="tables and rows")
    def table_rows(self, release: DataRelease) -> str:
        if not release.files:
            return "–"
        return format_html_join(
            "",
            "<p>{}: {} rows</p>",
            ((name, f"{int(f.get('rows') or 0):,}") for name, f in sorted(release.files.items())),
        )

    @admin.display(description="what the import changed")
    def changes(self, release: DataRelease) -> str:
        if not release.counts:
            return "–"
        return format_html_join(
            "", "<p>{}: {}</p>", ((name, counts) for name, counts in release.counts.items())
        )

    @admin.display(description="skipped")
    def skipped_text(self, release: DataRelease) -> str:
        if not release.skipped:
            return "Nothing."
        return format_html_join("", "<p>{}</p>", ((reason,) for reason in release.skipped))

    @admin.display(description="to import a newer release")
    def import_command(self, release: DataRelease) -> str:
        command, setting = IMPORT_COMMANDS[release.source]
        return format_html(
            "<p>From the official download:</p><pre>python manage.py {} {}</pre>"
            "<p>or from a file or folder you downloaded:</p><pre>python manage.py {} PATH</pre>"
            "<p>Imports are idempotent and run in one transaction; the pages show the new "
            "release at once.</p>",
            command,
            getattr(settings, setting),
            command,
        )
