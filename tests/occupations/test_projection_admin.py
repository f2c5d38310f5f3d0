from __future__ import annotations

import pytest
from django.urls import reverse

from tests.occupations.projections_data import make_projection, make_total

pytestmark = pytest.mark.django_db


def test_projections_can_be_looked_up_in_the_admin(admin_client):
    make_total()
    projection = make_projection("43-4051", "-5.5", title="Customer service representatives")

    changelist = admin_client.get(reverse("admin:occupations_projection_changelist"), {"q": "43-4"})
    change = admin_client.get(reverse("admin:occupations_projection_change", args=[projection.pk]))

    assert changelist.status_code == 200
    assert "Customer service representatives" in changelist.content.decode()
    assert "Total, all occupations" not in changelist.content.decode()
    assert change.status_code == 200
