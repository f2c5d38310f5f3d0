"""The arrays behind career moves (occupations/moves.py), once per process and catalog stamp."""

from __future__ import annotations

import threading

import numpy as np

from occupations.freshness import catalog_stamp
from occupations.models import Area, Domain, Occupation, Rating, RelatedOccupation, WageEstimate
from occupations.moves import Descriptor, MoveCatalog

DOMAINS = (Domain.SKILLS, Domain.KNOWLEDGE)

_lock = threading.Lock()
_catalogs: dict[str, MoveCatalog] = {}


def move_catalog(stamp: str | None = None) -> MoveCatalog:
    stamp = stamp or catalog_stamp()
    with _lock:
        found = _catalogs.get(stamp)
        if found is None:
            found = build_move_catalog()
            _catalogs.clear()
            _catalogs[stamp] = found
    return found


def state_pay(catalog: MoveCatalog, state: str) -> np.ndarray:
    """Annual medians by row in one state (postal code), NaN where BLS publishes none."""
    found = catalog.state_pay.get(state)
    if found is not None:
        return found
    soc_of = dict(Occupation.objects.values_list("code", "soc_code"))
    medians = dict(
        WageEstimate.objects.filter(
            area__area_type=Area.Type.STATE, area__primary_state=state
        ).values_list("soc_code", "annual_median")
    )
    pay = np.array(
        [_number(medians.get(soc_of.get(code, ""))) for code in catalog.codes], dtype=float
    )
    catalog.state_pay[state] = pay
    return pay


def build_move_catalog() -> MoveCatalog:
    """Four queries: occupations, skill and knowledge ratings, national pay, related links."""
    rows = list(Occupation.objects.order_by("code").values_list("code", "soc_code", "job_zone_id"))
    codes = tuple(code for code, _, _ in rows)
    row_of = {code: row for row, code in enumerate(codes)}
    ratings = list(
        Rating.objects.filter(
            descriptor__domain__in=DOMAINS, scale__scale_id__in=("IM", "LV"), category=0
        ).values_list(
            "occupation__code",
            "descriptor__element_id",
            "descriptor__name",
            "descriptor__domain",
            "scale__scale_id",
            "percentage",
        )
    )
    descriptors: dict[str, Descriptor] = {}
    for _, element_id, name, domain, _, _ in ratings:
        descriptors.setdefault(element_id, Descriptor(element_id, name, domain))
    ordered = tuple(sorted(descriptors.values(), key=lambda d: (DOMAINS.index(d.domain), d.name)))
    column_of = {descriptor.element_id: column for column, descriptor in enumerate(ordered)}
    importance = np.full((len(codes), len(ordered)), np.nan)
    level = np.full((len(codes), len(ordered)), np.nan)
    for code, element_id, _, _, scale_id, percentage in ratings:
        target = importance if scale_id == "IM" else level
        target[row_of[code], column_of[element_id]] = percentage
    medians = dict(
        WageEstimate.objects.filter(area__area_type=Area.Type.NATION).values_list(
            "soc_code", "annual_median"
        )
    )
    related: dict[int, set[int]] = {}
    for code, other in RelatedOccupation.objects.values_list("occupation__code", "related__code"):
        related.setdefault(row_of[code], set()).add(row_of[other])
    return MoveCatalog(
        codes=codes,
        descriptors=ordered,
        importance=importance,
        level=level,
        zones=np.array([_number(zone) for _, _, zone in rows], dtype=float),
        pay=np.array([_number(medians.get(soc)) for _, soc, _ in rows], dtype=float),
        related={row: frozenset(others) for row, others in related.items()},
    )


def clear_caches() -> None:
    with _lock:
        _catalogs.clear()


def _number(value: object) -> float:
    return float("nan") if value is None else float(value)
