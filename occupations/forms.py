"""Parsing of the career browser's query string."""

from __future__ import annotations

from collections.abc import Callable

from django import forms

from occupations import holland
from occupations.models import Area, Occupation
from occupations.outlook import Label

COMPARE_MOST = 4

JOB_ZONES = [
    (1, "1 · Little or no preparation"),
    (2, "2 · Some preparation"),
    (3, "3 · Medium preparation"),
    (4, "4 · Considerable preparation"),
    (5, "5 · Extensive preparation"),
]
# "At least this good": declining is left out, since everything is at least declining.
OUTLOOKS = [
    (Label.MUCH_FASTER.slug, "Much faster than average"),
    (Label.FASTER.slug, "Faster than average or better"),
    (Label.AVERAGE.slug, "As fast as average or better"),
    (Label.SLOWER.slug, "Growing (slower than average or better)"),
    (Label.LITTLE_OR_NO_CHANGE.slug, "Not declining"),
]
SORTS = [
    ("", "Best match, then A–Z"),
    ("growth", "Fastest growing first"),
    ("openings", "Most openings a year first"),
    ("ai_low", "Least AI exposure first"),
    ("ai_high", "Most AI exposure first"),
]
# AI exposure at most this many out of 100 (careers without a score are left out).
AI_CEILINGS = [(25, "At most 25 / 100"), (50, "At most 50 / 100"), (75, "At most 75 / 100")]


def fixed(choices: list[tuple[object, str]]) -> Callable[[], list[tuple[object, str]]]:
    """Choices that never change, as a callable: a form copies its fields for every request,
    which walks a list of choices item by item, but copies a callable as it is."""
    return lambda: choices


def ai_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="AI exposure",
        required=False,
        coerce=int,
        empty_value=None,
        choices=fixed([("", "Any AI exposure"), *AI_CEILINGS]),
        error_messages={"invalid_choice": "AI exposure must be one of the listed choices."},
    )


def client_field() -> forms.IntegerField:
    """A counselor's client: the id of an assessment shared with them."""
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The client id must be a number."},
    )


def holland_field() -> forms.ChoiceField:
    """Main interest: one RIASEC letter, the first of an occupation's or a person's code."""
    return forms.ChoiceField(
        label="Main interest",
        required=False,
        choices=fixed(
            [("", "Any interest")]
            + [(letter, f"{name} ({letter})") for letter, name in holland.TYPES.items()]
        ),
        error_messages={
            "invalid_choice": "Interest must be one of the letters R, I, A, S, E or C."
        },
    )


def outlook_field() -> forms.ChoiceField:
    """Job outlook at least this good (a Label slug)."""
    return forms.ChoiceField(
        label="Job outlook",
        required=False,
        choices=fixed([("", "Any outlook"), *OUTLOOKS]),
        error_messages={"invalid_choice": "Job outlook must be one of the listed choices."},
    )


def query_field(label: str, help_text: str) -> forms.CharField:
    """The text of a career search (occupations/search.py), as the career browser takes it."""
    return forms.CharField(label=label, required=False, max_length=100, help_text=help_text)


class CatalogQueryForm(forms.Form):
    q = query_field(
        "Search careers",
        "A job title, another name for the job, or an O*NET-SOC code like 43-4051.",
    )
    zone = forms.TypedChoiceField(
        label="Preparation needed",
        required=False,
        coerce=int,
        empty_value=None,
        choices=fixed([("", "Any job zone"), *JOB_ZONES]),
        error_messages={"invalid_choice": "Job zone must be a number from 1 to 5."},
    )
    holland = holland_field()

    outlook = outlook_field()
    ai = ai_field()
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=fixed(SORTS),
        error_messages={"invalid_choice": "Sort must be one of the listed choices."},
    )

    def clean_holland(self) -> str:
        return self.cleaned_data["holland"].upper()

    def clean_outlook(self) -> Label | None:
        return Label.from_slug(self.cleaned_data["outlook"])

    def filters(self) -> dict[str, object]:
        """The valid filters only: an invalid one is reported and ignored, never guessed at."""
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "zone": data.get("zone"),
            "holland": data.get("holland") or "",
            "outlook": data.get("outlook"),
            "ai": data.get("ai"),
            "sort": data.get("sort") or "",
        }


class PlaceOrderForm(forms.Form):
    """The order of a profile's state and metro tables (links in their column headings)."""

    states = forms.ChoiceField(
        required=False,
        choices=fixed([("", "A–Z"), ("jobs", "Most jobs"), ("pay", "Best paid"), ("name", "A–Z")]),
        error_messages={"invalid_choice": "The state table can be ordered by jobs, pay or name."},
    )
    metros = forms.ChoiceField(
        required=False,
        choices=fixed(
            [("", "Most jobs"), ("jobs", "Most jobs"), ("pay", "Best paid"), ("name", "A–Z")]
        ),
        error_messages={"invalid_choice": "The metro table can be ordered by jobs, pay or name."},
    )

    def orders(self) -> tuple[str, str]:
        data = getattr(self, "cleaned_data", {})
        return data.get("states") or "name", data.get("metros") or "jobs"


class MovesForm(forms.Form):
    """Moves from a job: pay compared in one state or nationally, a page, a counselor's client."""

    state = forms.ModelChoiceField(
        label="Compare pay in",
        required=False,
        queryset=Area.objects.filter(area_type__in=(Area.Type.STATE, Area.Type.TERRITORY)),
        to_field_name="primary_state",
        empty_label="The whole U.S.",
        error_messages={"invalid_choice": "Choose a state from the list."},
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)
    client = client_field()


class CompareForm(forms.Form):
    """Two to four careers side by side."""

    c = forms.ModelMultipleChoiceField(
        label="Careers",
        queryset=Occupation.objects.all(),
        to_field_name="code",
        error_messages={
            "required": "Choose at least two careers to compare.",
            "invalid_choice": "%(value)s is not a career in the catalog.",
            "invalid_pk_value": "%(pk)s is not a career code.",
        },
    )
    client = client_field()

    def clean_c(self) -> list[str]:
        # Codes in the order asked, each once.
        asked = list(dict.fromkeys(self.data.getlist("c")))
        found = {occupation.code for occupation in self.cleaned_data["c"]}
        codes = [code for code in asked if code in found]
        if len(codes) < 2:
            raise forms.ValidationError("Choose at least two careers to compare.")
        if len(codes) > COMPARE_MOST:
            raise forms.ValidationError(f"Compare at most {COMPARE_MOST} careers at once.")
        return codes
