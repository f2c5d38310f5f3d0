"""The occupation codes results are scored over, stored once per distinct list.

Every result of one catalog has the same thousand codes in code order; each Result points to one
shared CareerCodes row instead of keeping its own copy. Rows never change once written, so each
process keeps the lists it has read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from assessments.models import CareerCodes

_BY_ID: dict[int, tuple[str, ...]] = {}
_ID_BY_DIGEST: dict[str, int] = {}
KEPT = 32


def digest_of(codes: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(codes).encode()).hexdigest()


def stored(codes: Sequence[str]) -> CareerCodes | None:
    """The row for this list, written the first time it is seen; None for no codes."""
    if not codes:
        return None
    digest = digest_of(codes)
    known = _ID_BY_DIGEST.get(digest)
    if known is not None and known in _BY_ID:
        return CareerCodes(pk=known, digest=digest, codes="\n".join(codes))
    row, _created = CareerCodes.objects.get_or_create(
        digest=digest, defaults={"codes": "\n".join(codes)}
    )
    _remember(row.pk, digest, tuple(codes))
    return row


def codes_of(pk: int | None) -> tuple[str, ...]:
    if pk is None:
        return ()
    found = _BY_ID.get(pk)
    if found is None:
        row = CareerCodes.objects.filter(pk=pk).values_list("digest", "codes").first()
        if row is None:
            return ()
        found = tuple(row[1].split("\n")) if row[1] else ()
        _remember(pk, row[0], found)
    return found


def _remember(pk: int, digest: str, codes: tuple[str, ...]) -> None:
    if len(_BY_ID) >= KEPT:
        _BY_ID.clear()
        _ID_BY_DIGEST.clear()
    _BY_ID[pk] = codes
    _ID_BY_DIGEST[digest] = pk


def clear_cache() -> None:
    _BY_ID.clear()
    _ID_BY_DIGEST.clear()
