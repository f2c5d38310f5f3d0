"""Admin for questionnaire versions and the assessments taken on them.

A published questionnaire is read-only here: assessments point at its items, so changing them
would change what people already answered. "Copy as new draft version" makes an editable copy;
"Publish" freezes a draft and makes it the version new quizzes use.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from assessments import services
from assessments.models import (
    Answer,
    Assessment,
    CounselingGroup,
    CounselorNote,
    Item,
    Membership,
    Questionnaire,
    Result,
    Section,
)
from careerfit.admin_labels import LabelledInlineFormSet


def _editable(obj: Questionnaire | None) -> bool:
    return obj is None or not obj.published


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("position", "key", "title", "intro", "scale_key", "scale_labels")

    def has_add_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return _editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)


class ItemInline(admin.TabularInline):
    model = Item
    formset = LabelledInlineFormSet
    extra = 0
    fields = ("section", "position", "key", "text", "descriptor", "keyed", "in_short_form")
    raw_id_fields = ("descriptor",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("section", "descriptor")

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "section":
            # Only this questionnaire's sections; the object id comes from the change URL.
            object_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            kwargs["queryset"] = Section.objects.filter(questionnaire_id=object_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return _editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("version", "title", "published", "published_at", "item_count", "created")
    list_filter = ("published",)
    search_fields = ("version", "title")
    readonly_fields = ("published", "published_at", "created")
    inlines = (SectionInline, ItemInline)
    actions = ("copy_as_draft", "publish")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description="items", ordering="item_count")
    def item_count(self, obj: Questionnaire) -> int:
        return obj.item_count  # type: ignore[attr-defined]

    def has_change_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)

    @admin.action(description="Copy as new draft version", permissions=["add"])
    def copy_as_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        for questionnaire in queryset:
            copy = services.questionnaire_copy(questionnaire=questionnaire)
            self.message_user(
                request,
                f"Copied {questionnaire.version} as draft {copy.version}.",
                messages.SUCCESS,
            )

    @admin.action(
        description="Publish (freezes the version; new quizzes use it)", permissions=["change"]
    )
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        for questionnaire in queryset:
            try:
                services.questionnaire_publish(questionnaire=questionnaire)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, f"Published {questionnaire.version}.", messages.SUCCESS)


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = (
        "key",
        "text",
        "section",
        "descriptor",
        "keyed",
        "in_short_form",
        "questionnaire",
    )
    list_filter = ("questionnaire", "section__key", "in_short_form", "keyed")
    search_fields = ("key", "text")
    list_select_related = ("section", "descriptor", "questionnaire")
    raw_id_fields = ("descriptor",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Items are added on their questionnaire's page, where the section choice is limited.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        editable = obj is None or not obj.questionnaire.published
        return editable and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        editable = obj is None or not obj.questionnaire.published
        return editable and super().has_delete_permission(request, obj)


class AnswerInline(admin.TabularInline):
    model = Answer
    formset = LabelledInlineFormSet
    extra = 0
    fields = ("item", "item_text", "value", "answered_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("item")

    @admin.display(description="statement")
    def item_text(self, obj: Answer) -> str:
        return obj.item.text

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    # The token is a credential: only its first characters are shown, never the whole link.
    list_display = (
        "token_prefix",
        "form",
        "questionnaire",
        "user",
        "created",
        "finished_at",
        "answered",
    )
    list_filter = (
        "form",
        "questionnaire",
        ("finished_at", admin.EmptyFieldListFilter),
        ("user", admin.EmptyFieldListFilter),
    )
    search_fields = ("user__email", "user__username")
    fields = (
        "token_prefix",
        "questionnaire",
        "form",
        "user",
        "created",
        "updated",
        "finished_at",
        "answered",
    )
    readonly_fields = fields
    list_select_related = ("questionnaire", "user")
    inlines = (AnswerInline,)
    date_hierarchy = "created"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(answered_count=Count("answers"))

    @admin.display(description="token")
    def token_prefix(self, obj: Assessment) -> str:
        return f"{obj.token_prefix}…"

    @admin.display(description="answered", ordering="answered_count")
    def answered(self, obj: Assessment) -> int:
        return obj.answered_count  # type: ignore[attr-defined]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Assessment | None = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records people made in the app (results, consent, notes): viewable and deletable only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ("pk", "assessment", "created", "holland_code", "scoring_version")
    list_filter = ("scoring_version", "questionnaire_version")
    list_select_related = ("assessment",)
    # The packed FIT of every occupation is left out of the page; its best careers are shown.
    fields = (
        "assessment",
        "created",
        "questionnaire_version",
        "scoring_version",
        "data_release",
        "catalog_version",
        "weights",
        "holland_code",
        "profile",
        "notes",
        "top",
    )
    readonly_fields = fields
    date_hierarchy = "created"


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = LabelledInlineFormSet
    extra = 0
    fields = ("user", "share_all", "consented_at", "withdrawn_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CounselingGroup)
class CounselingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "counselor", "member_count", "created")
    search_fields = ("name", "counselor__email", "counselor__username")
    list_select_related = ("counselor",)
    # The invite code is a credential, shown only in part; counselors rotate it in the app.
    fields = ("name", "counselor", "invite_prefix", "invite_created", "created")
    readonly_fields = ("counselor", "invite_prefix", "invite_created", "created")
    inlines = (MembershipInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(members=Count("memberships"))

    @admin.display(description="members", ordering="members")
    def member_count(self, obj: CounselingGroup) -> int:
        return obj.members  # type: ignore[attr-defined]

    @admin.display(description="invite code")
    def invite_prefix(self, obj: CounselingGroup) -> str:
        return f"{obj.invite_code[:6]}…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Groups get their invite code from the app's "New group" form.
        return False


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "group", "share_all", "consented_at", "withdrawn_at")
    list_filter = ("share_all", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "user__username", "group__name")
    list_select_related = ("user", "group")
    fields = ("group", "user", "share_all", "shared", "consented_at", "withdrawn_at")
    readonly_fields = fields


@admin.register(CounselorNote)
class CounselorNoteAdmin(ReadOnlyAdmin):
    list_display = ("pk", "author", "assessment", "created", "updated")
    search_fields = ("author__email", "author__username", "text")
    list_select_related = ("author", "assessment")
    fields = ("author", "assessment", "text", "created", "updated")
    readonly_fields = fields
