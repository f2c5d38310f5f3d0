"""Admin for the occupation catalog, built to stay fast on the full O*NET and OEWS data.

The catalog is re-imported from releases, so the admin is mainly for looking things up and
fixing the odd row. Inlines that can be huge (alternate titles: up to 2,750 for one occupation;
ratings: hundreds) show a bounded slice and link to their own filtered changelists.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from occupations import charts, holland
from occupations.models import (
    AiExposure,
    AlternateTitle,
    Area,
    DataRelease,
    Descriptor,
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

ALTERNATE_TITLES_INLINE = 50
RATINGS_INLINE = 120


def limited_formset(limit: int) -> type[BaseInlineFormSet]:
    """An inline formset that shows only the first `limit` rows of its queryset."""

    class LimitedFormSet(BaseInlineFormSet):
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


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ("task_id", "statement", "task_type", "incumbents_responding")


class AlternateTitleInline(admin.TabularInline):
    model = AlternateTitle
    extra = 0
    fields = ("title", "short_title", "sources")
    formset = limited_formset(ALTERNATE_TITLES_INLINE)
    verbose_name_plural = f"alternate titles (first {ALTERNATE_TITLES_INLINE} A–Z)"


class RelatedOccupationInline(admin.TabularInline):
    model = RelatedOccupation
    fk_name = "occupation"
    extra = 0
    fields = ("related", "tier", "index")
    raw_id_fields = ("related",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Each row's label names both occupations.
        return super().get_queryset(request).select_related("occupation", "related")


class RatingInline(admin.TabularInline):
    """Read-only: ratings come from O*NET and are corrected by re-importing, not by hand."""

    model = Rating
    formset = limited_formset(RATINGS_INLINE)
    fields = ("descriptor_name", "domain", "scale_code", "value", "percentage", "flags")
    readonly_fields = fields
    verbose_name_plural = f"ratings (first {RATINGS_INLINE}; category rows left out)"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .filter(category=0)
            # The row label (Rating.__str__) reads all three.
            .select_related("occupation", "descriptor", "scale")
            .order_by("descriptor__element_id", "scale__scale_id")
        )

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="descriptor")
    def descriptor_name(self, rating: Rating) -> str:
        return f"{rating.descriptor.name} ({rating.descriptor.element_id})"

    @admin.display(description="domain")
    def domain(self, rating: Rating) -> str:
        return rating.descriptor.get_domain_display()

    @admin.display(description="scale")
    def scale_code(self, rating: Rating) -> str:
        return rating.scale.scale_id

    @admin.display(description="flags")
    def flags(self, rating: Rating) -> str:
        return ", ".join(
            label
            for label, flagged in (
                ("suppress", rating.recommend_suppress),
                ("not relevant", rating.not_relevant),
            )
            if flagged
        )


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "job_zone", "holland_code")
    list_display_links = ("code", "title")
    list_filter = ("job_zone", HollandLetterFilter)
    list_select_related = ("job_zone",)
    search_fields = ("^code", "title", "alternate_titles__title")
    readonly_fields = ("release", "catalog_links")
    fields = (
        ("code", "soc_code"),
        "title",
        "description",
        ("job_zone", "holland_code"),
        "release",
        "catalog_links",
    )
    inlines = (TaskInline, AlternateTitleInline, RelatedOccupationInline, RatingInline)

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
        ratings = occupation.ratings.count()
        return format_html(
            "{} · {}",
            _changelist_link(AlternateTitle, occupation, f"{alternates:,} alternate titles"),
            _changelist_link(Rating, occupation, f"{ratings:,} ratings"),
        )


@admin.register(AlternateTitle)
class AlternateTitleAdmin(admin.ModelAdmin):
    list_display = ("title", "short_title", "occupation", "sources")
    list_select_related = ("occupation",)
    search_fields = ("title", "short_title", "=occupation__code")
    raw_id_fields = ("occupation",)
    show_full_result_count = False


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
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
    search_fields = ("=occupation__code", "=descriptor__element_id", "descriptor__name")
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
    """Import records are written by the importers only; the admin just shows them."""

    list_display = ("source", "version", "file_format", "imported_at", "seconds")
    list_filter = ("source",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
