from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from occupations.models import Descriptor, Occupation, Rating
from tests.shared_data import shared_path

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def percentages(code: str, domain: str) -> dict[str, int]:
    ratings = Rating.objects.filter(
        occupation__code=code, descriptor__domain=domain, scale__scale_id="IM"
    )
    return {r.descriptor.name: round(r.percentage) for r in ratings.select_related("descriptor")}


def test_the_shared_29_3_excel_and_30_1_text_releases_import():
    excel = shared_path("onet/db_29_3_excel")
    text = shared_path("onet/db_30_1_text")

    call_command("import_onet", str(excel), stdout=StringIO())

    assert Occupation.objects.count() == 1016
    assert Occupation.objects.exclude(holland_code="").count() == 923
    with_interests = Occupation.objects.filter(ratings__descriptor__domain="interests").distinct()
    assert with_interests.count() == 923
    cs = Occupation.objects.get(code="43-4051.00")
    assert cs.job_zone_id == 2
    styles = percentages("43-4051.00", "work_styles")
    assert len(styles) == 16
    assert styles["Dependability"] == 94
    assert styles["Self-Control"] == 92
    assert (
        round(
            Rating.objects.get(
                occupation=cs, descriptor__name="Relationships", scale__scale_id="EX"
            ).percentage
        )
        == 83
    )

    out = StringIO()
    call_command("import_onet", str(text), stdout=out)

    assert "O*NET 30.1" in out.getvalue()
    assert Occupation.objects.count() == 1016
    new_styles = Descriptor.objects.filter(
        domain="work_styles", ratings__occupation=cs, ratings__scale__scale_id="WI"
    ).distinct()
    assert new_styles.count() == 21
    assert not Rating.objects.filter(descriptor__element_id__startswith="1.C.").exists()
