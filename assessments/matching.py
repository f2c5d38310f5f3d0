"""Load what the scoring method needs from the database, and cache it in the process.

The occupation matrix is built once per catalog version (CatalogVersion is bumped by imports and
admin edits of ratings, in whatever process they happen). A published questionnaire never
changes, so its traits and item keys are cached for good.
"""

from __future__ import annotations

import math
import threading

import numpy as np

from assessments.models import Item, Questionnaire
from assessments.scoring import DOMAINS, ItemKey, OccupationMatrix, Trait
from occupations.models import CatalogVersion, DataRelease, Occupation, Rating

# Which O*NET scale gives a domain's percentage, first found wins: 29.x work styles are rated
# on importance (IM), 30.x on impact (WI).
SCALES = {"interests": ("OI",), "work_styles": ("IM", "WI"), "work_values": ("EX",)}

_lock = threading.Lock()
_matrices: dict[tuple, OccupationMatrix] = {}
_keys: dict[tuple[int, str], tuple[tuple[Trait, ...], tuple[ItemKey, ...]]] = {}


def questionnaire_key(
    questionnaire: Questionnaire, form: str
) -> tuple[tuple[Trait, ...], tuple[ItemKey, ...]]:
    """The traits a questionnaire measures (in section order) and the items of one form."""
    cache_key = (questionnaire.pk, form)
    found = _keys.get(cache_key)
    if found is not None and questionnaire.published:
        return found
    items = (
        Item.objects.in_form(questionnaire, form)
        .select_related("descriptor", "section")
        .order_by("section__position", "position", "id")
    )
    traits: dict[str, Trait] = {}
    keys = []
    for item in items:
        descriptor = item.descriptor
        domain = descriptor.domain if descriptor.domain in DOMAINS else item.section.key
        traits.setdefault(
            descriptor.element_id, Trait(descriptor.element_id, descriptor.name, domain)
        )
        keys.append(ItemKey(item.key, descriptor.element_id, 1 if item.keyed == "+" else -1))
    ordered = tuple(
        sorted(traits.values(), key=lambda t: (DOMAINS.index(t.domain), t.element_id))
        if all(t.domain in DOMAINS for t in traits.values())
        else traits.values()
    )
    result = (ordered, tuple(keys))
    if questionnaire.published:
        _keys[cache_key] = result
    return result


def occupation_matrix(traits: tuple[Trait, ...], *, version: int | None = None) -> OccupationMatrix:
    """The matrix of today's catalog (`version`, when the caller has just read it)."""
    if version is None:
        version = CatalogVersion.current()
    cache_key = (version, traits)
    with _lock:
        found = _matrices.get(cache_key)
        if found is None:
            found = build_matrix(traits)
            _matrices.clear()
            _matrices[cache_key] = found
    return found


def build_matrix(traits: tuple[Trait, ...]) -> OccupationMatrix:
    """Occupations (by code) × traits, percentages from each domain's preferred scale."""
    codes = tuple(Occupation.objects.order_by("code").values_list("code", flat=True))
    row_of = {code: row for row, code in enumerate(codes)}
    column_of = {trait.element_id: column for column, trait in enumerate(traits)}
    domain_of = {trait.element_id: trait.domain for trait in traits}
    values = np.full((len(codes), len(traits)), np.nan)
    ranks = np.full((len(codes), len(traits)), math.inf)
    ratings = Rating.objects.filter(
        descriptor__element_id__in=list(column_of),
        category=0,
        scale__scale_id__in={s for scales in SCALES.values() for s in scales},
    ).values_list("occupation__code", "descriptor__element_id", "scale__scale_id", "percentage")
    for code, element_id, scale_id, percentage in ratings.iterator(chunk_size=5000):
        preference = SCALES.get(domain_of[element_id], ())
        if scale_id not in preference:
            continue
        row, column = row_of[code], column_of[element_id]
        rank = preference.index(scale_id)
        if rank < ranks[row, column]:
            ranks[row, column] = rank
            values[row, column] = percentage
    release = DataRelease.objects.filter(source=DataRelease.Source.ONET).first()
    return OccupationMatrix(codes=codes, traits=traits, values=values, release=str(release or ""))


def clear_caches() -> None:
    with _lock:
        _matrices.clear()
        _keys.clear()
