"""Forms for accounts, consent, counselor groups, notes and the roster's filters."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from assessments.group_summary import STATUS_LABELS
from assessments.models import CounselingGroup, CounselorNote
from assessments.roster import AssessmentRow
from occupations.forms import holland_field

SHARE_ALL, SHARE_SOME = "all", "some"
ROSTER_SORTS = {
    "name": "Name (A–Z)",
    "-date": "Newest first",
    "date": "Oldest first",
    "status": "Status",
    "holland": "Holland code",
}


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="Email",
        max_length=254,
        help_text="Administrators made with createsuperuser can also use their username.",
        # Text, not an email input: a browser would refuse a username such as "admin".
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}
        ),
    )
    error_messages = {
        "invalid_login": (
            "That email (or username) and password do not match an account. "
            "Check both and try again."
        ),
        "inactive": "This account is switched off. Contact the site's administrators.",
    }


class LoginAttemptForm(forms.Form):
    """Only the account a login attempt names, read to count failures before the real form."""

    username = forms.CharField(max_length=254, required=False)


class SignupForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=150,
        required=False,
        help_text="Counselors you choose to share with see it.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=150,
        help_text="You log in with it, and we send password reset links to it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Type your email address.",
            "invalid": "That does not look like an email address, e.g. name@example.com.",
        },
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text="At least 8 characters; not only digits, and not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Choose a password."},
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the same password again."},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        return data


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password to confirm."},
    )


class GroupForm(forms.ModelForm):
    class Meta:
        model = CounselingGroup
        fields = ["name"]
        labels = {"name": "Group name"}
        help_texts = {"name": "For example a class or a caseload. Members see it."}
        error_messages = {"name": {"required": "Give the group a name."}}


class NoteForm(forms.ModelForm):
    class Meta:
        model = CounselorNote
        fields = ["text"]
        labels = {"text": "Note"}
        help_texts = {"text": "Only you can see your notes. Up to 5,000 characters."}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "text": {
                "required": "Write the note first.",
                "max_length": "Keep the note to 5,000 characters (it has %(show_value)d).",
            }
        }


class ConsentForm(forms.Form):
    share = forms.ChoiceField(
        label="What to share",
        choices=[
            (SHARE_ALL, "All my completed results, including ones I finish later"),
            (SHARE_SOME, "Only the results I pick below"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what to share.",
            "invalid_choice": "Choose what to share.",
        },
    )
    assessments = forms.TypedMultipleChoiceField(
        label="Results to share",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Pick only results from this list."},
    )

    def __init__(self, *args: object, choices: Sequence[AssessmentRow], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(choices)
        self.fields["assessments"].choices = [(row.assessment.pk, "") for row in self.rows]
        if not self.rows:
            # Nothing is finished yet: sharing all (future results) is the only choice.
            self.fields["share"].choices = self.fields["share"].choices[:1]

    @property
    def share_all(self) -> bool:
        return self.cleaned_data["share"] == SHARE_ALL

    def picked(self) -> list[int]:
        return [] if self.share_all else list(self.cleaned_data["assessments"])

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("share") == SHARE_SOME and not data.get("assessments"):
            self.add_error("assessments", "Pick at least one result, or share all of them.")
        return data

    def checked(self) -> set[str]:
        """The checkbox values to show checked, as the form's data or initial has them."""
        values = self["assessments"].value() or []
        return {str(value) for value in values}


class RosterFilterForm(forms.Form):
    q = forms.CharField(label="Name or email contains", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *STATUS_LABELS.items()],
        error_messages={"invalid_choice": "Pick a status from the list."},
    )
    holland = holland_field()
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=list(ROSTER_SORTS.items()),
        error_messages={"invalid_choice": "Pick a sort order from the list."},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The page number was not a number; showing the first page."},
    )

    def __init__(self, data: object) -> None:
        if data and data.get("holland"):
            data = data.copy()
            data["holland"] = data["holland"].upper()
        super().__init__(data)

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()

    def value_of(self, name: str) -> str:
        """The valid value of a filter, or "" when it was left out or invalid."""
        if not self.is_valid() and name in self.errors:
            return ""
        return str(getattr(self, "cleaned_data", {}).get(name) or "")
