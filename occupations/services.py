"""Small writes on the catalog that more than one caller needs."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from occupations.models import CatalogVersion, Rating


@transaction.atomic
def catalog_changed() -> int:
    """Record that ratings changed (import, admin edit), so every process rebuilds its matrix."""
    version, _created = CatalogVersion.objects.select_for_update().get_or_create(pk=1)
    CatalogVersion.objects.filter(pk=version.pk).update(
        counter=F("counter") + 1, changed_at=timezone.now()
    )
    return version.counter + 1


@transaction.atomic
def rating_save(*, rating: Rating) -> Rating:
    """Save an edited rating with its percentage recomputed on the scale's own range."""
    rating.percentage = rating.scale.percentage(rating.value)
    rating.full_clean()
    rating.save()
    catalog_changed()
    return rating


@transaction.atomic
def rating_delete(*, rating: Rating) -> None:
    rating.delete()
    catalog_changed()
