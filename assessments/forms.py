from __future__ import annotations

from django import forms

from assessments.models import Assessment


class StartForm(forms.Form):
    form = forms.ChoiceField(
        choices=Assessment.Form.choices,
        error_messages={
            "required": "Choose the short or the full form.",
            "invalid_choice": "Choose the short or the full form.",
        },
    )


class EmailLinkForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Type the email address to send the link to.",
            "invalid": "That does not look like an email address, e.g. name@example.com.",
        },
    )
