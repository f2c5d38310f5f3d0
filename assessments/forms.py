from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.http import urlencode

from assessments.models import Assessment
from assessments.results import AreaOption, Filters
from assessments.scoring import DOMAINS, Weights
from careerfit.numbers import whole
from occupations.forms import (
    JOB_ZONES,
    ai_field,
    fixed,
    holland_field,
    outlook_field,
    query_field,
)
from occupations.models import Occupation
from occupations.outlook import Label

# Sliders go from 0 to 100; only their proportions matter.
WEIGHT_FIELD = {
    "required": False,
    "min_value": 0,
    "max_value": 100,
    "error_messages": {
        "invalid": "Weights must be whole numbers from 0 to 100.",
        "min_value": "Weights must be whole numbers from 0 to 100.",
        "max_value": "Weights must be whole numbers from 0 to 100.",
    },
}


class StartForm(forms.Form):
    form = forms.ChoiceField(
        choices=Assessment.Form.choices,
        error_messages={
            "required": "Choose the short or the full form.",
            "invalid_choice": "Choose the short or the full form.",
        },
    )


class AnswerForm(forms.Form):
    """One autosaved answer: which statement, and the point chosen (checked by the service)."""

    item = forms.CharField(
        max_length=40,
        error_messages={
            "required": "The answer did not say which statement it is for.",
            "max_length": "That is not a statement of this questionnaire.",
            "null_characters_not_allowed": "That is not a statement of this questionnaire.",
        },
    )
    value = forms.CharField(
        max_length=10,
        required=False,
        error_messages={
            "max_length": "Choose one of the five answers.",
            "null_characters_not_allowed": "Choose one of the five answers.",
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


class ResultsFilterForm(forms.Form):
    """The results page's filters and weights, read from the query string.

    Invalid values are reported and left out (see `filters`), never guessed at. Without weights
    in the query, the result's own weights apply.
    """

    zone = forms.TypedMultipleChoiceField(
        label="Preparation needed (job zone)",
        required=False,
        coerce=int,
        choices=fixed(JOB_ZONES),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Job zone must be a number from 1 to 5."},
    )
    min_wage = forms.CharField(
        label="Minimum median pay",
        required=False,
        max_length=12,
        help_text="Dollars a year, e.g. 50000; in the state you pick, if you pick one.",
        error_messages={"max_length": "Minimum pay must be a number of dollars, e.g. 50000."},
    )
    state = forms.ChoiceField(
        label="Pay and jobs in",
        required=False,
        error_messages={"invalid_choice": "There are no pay figures for that state: pick one."},
    )
    holland = holland_field()
    q = forms.CharField(label="Title contains", required=False, max_length=100)
    outlook = outlook_field()
    ai = ai_field()
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=fixed(
            [
                ("", "Best FIT first"),
                ("growth", "Fastest growing first"),
                ("openings", "Most openings first"),
                ("ai_low", "Least AI exposure first"),
                ("ai_high", "Most AI exposure first"),
            ]
        ),
        error_messages={"invalid_choice": "Order must be one of the listed choices."},
    )
    interests = forms.IntegerField(label="Interests", **WEIGHT_FIELD)
    work_styles = forms.IntegerField(label="Work styles", **WEIGHT_FIELD)
    work_values = forms.IntegerField(label="Work values", **WEIGHT_FIELD)

    def __init__(self, data: QueryDict, *, areas: Sequence[AreaOption], weights: Weights) -> None:
        # Holland letters are case-insensitive in the URL, like the career browser's.
        if data.get("holland"):
            data = data.copy()
            data["holland"] = data["holland"].upper()
        super().__init__(data)
        # A callable: the list is only built when it is needed (a state was asked for, or the
        # picker is drawn, which the page mostly has cached).
        self.fields["state"].choices = partial(_state_choices, areas)
        self.scored_with = weights

    def clean_min_wage(self) -> int | None:
        raw = self.cleaned_data["min_wage"].strip().replace(",", "").removeprefix("$")
        if not raw:
            return None
        if not raw.isascii() or not raw.isdigit():
            raise ValidationError(
                "Minimum pay must be a whole number of dollars a year, e.g. 50000.",
                code="invalid",
            )
        return int(raw)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        given = [data.get(domain) for domain in DOMAINS]
        if all(value == 0 for value in given):
            raise ValidationError(
                "Give at least one of interests, work styles and work values a weight above 0.",
                code="no_weight",
            )
        return data

    def weight_problems(self) -> list[str]:
        return [message for name in ("__all__", *DOMAINS) for message in self.errors.get(name, [])]

    def weights(self) -> Weights | None:
        """The weights asked for, or None to keep the result's own."""
        data = getattr(self, "cleaned_data", {})
        if self.weight_problems() or all(data.get(domain) is None for domain in DOMAINS):
            return None
        sliders = self.slider_values()
        return Weights(*(float(sliders[domain]) for domain in DOMAINS))

    def slider_values(self) -> dict[str, int]:
        """What each slider shows: the value asked for, else the result's weight in percent."""
        data = getattr(self, "cleaned_data", {})
        usable = not self.weight_problems()
        return {
            domain: (
                data[domain]
                if usable and data.get(domain) is not None
                else whole(100 * self.scored_with.of(domain))
            )
            for domain in DOMAINS
        }

    def sliders(self) -> list[tuple[str, str, int]]:
        """(field name, label, value) of each weight slider."""
        values = self.slider_values()
        return [(domain, self.fields[domain].label, values[domain]) for domain in DOMAINS]

    def carried_query(self) -> str:
        """The valid filters, without weights or page, as a query string."""
        filters = self.filters()
        pairs = [("zone", zone) for zone in sorted(filters.zones)]
        pairs += [
            (name, value)
            for name, value in (
                ("min_wage", filters.min_wage),
                ("state", filters.state),
                ("holland", filters.holland),
                ("q", filters.q),
                ("outlook", filters.outlook.slug if filters.outlook is not None else ""),
                ("ai", filters.ai),
                ("sort", filters.sort),
            )
            if value not in (None, "")
        ]
        return urlencode(pairs)

    def page(self) -> int:
        # Pages are links we make, so a bad one just means the first, like the career browser.
        raw = self.data.get("page", "")
        return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else 1

    def filters(self) -> Filters:
        """The valid filters only: an invalid one is reported and left out."""
        data = getattr(self, "cleaned_data", {})
        return Filters(
            zones=frozenset(data.get("zone") or ()),
            min_wage=data.get("min_wage"),
            state=data.get("state") or "",
            holland=data.get("holland") or "",
            q=(data.get("q") or "").strip(),
            weights=self.weights(),
            page=max(1, self.page()),
            outlook=Label.from_slug(data.get("outlook") or ""),
            ai=data.get("ai"),
            sort=data.get("sort") or "",
        )


class JobSearchForm(forms.Form):
    q = query_field("I work as …", "Your job now, or your last one: a title in your own words.")


class CurrentJobForm(forms.Form):
    """Set (a code) or clear (no code) the job the person holds."""

    code = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "That job is not in the catalog; search again."},
    )


def _state_choices(areas: Sequence[AreaOption]) -> list[tuple[str, str]]:
    return [("", "the whole U.S."), *((area.code, area.title) for area in areas)]
