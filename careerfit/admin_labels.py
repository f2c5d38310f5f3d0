"""Accessible names for the admin's table-shaped forms.

Tabular inlines and list_editable columns print their inputs under a column heading, with no
<label>: screen readers then announce an unnamed field (axe: "label", "select-name"). Every
such input gets an aria-label with its field's label instead, in this one place.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.http import HttpRequest


def labelled(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        text = "Delete this row" if name == "DELETE" else str(field.label or name)
        field.widget.attrs.setdefault("aria-label", text[:1].upper() + text[1:])


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        labelled(form)


class LabelledChangelist(admin.ModelAdmin):
    """A ModelAdmin whose list_editable inputs are named."""

    def get_changelist_formset(self, request: HttpRequest, **kwargs: object) -> type:
        base: type[BaseModelFormSet] = super().get_changelist_formset(request, **kwargs)

        class Named(base):  # type: ignore[valid-type, misc]
            def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
                super().add_fields(form, index)
                labelled(form)

        return Named
