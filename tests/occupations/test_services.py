from __future__ import annotations

import pytest

from occupations.models import CatalogVersion, Rating
from tests.factories import make_occupation, make_rating

pytestmark = pytest.mark.django_db


def test_editing_a_rating_in_the_admin_recomputes_its_percentage_and_the_catalog_version(
    admin_client,
):
    rating = make_rating(make_occupation(), "1.C.5.a", "IM", value=3.0)
    before = CatalogVersion.current()
    url = f"/admin/occupations/rating/{rating.pk}/change/"
    form = {
        "occupation": rating.occupation_id,
        "descriptor": rating.descriptor_id,
        "scale": rating.scale_id,
        "category": 0,
        "value": "4.76",
        "date": "08/2023",
        "domain_source": "Analyst",
    }

    response = admin_client.post(url, form)

    assert response.status_code == 302
    rating.refresh_from_db()
    assert round(rating.percentage) == 94
    assert CatalogVersion.current() == before + 1


def test_deleting_a_rating_in_the_admin_bumps_the_catalog_version(admin_client):
    rating = make_rating(make_occupation(), "1.C.5.a", "IM", value=3.0)
    before = CatalogVersion.current()

    admin_client.post(f"/admin/occupations/rating/{rating.pk}/delete/", {"post": "yes"})

    assert not Rating.objects.exists()
    assert CatalogVersion.current() == before + 1
