"""Results keep their FIT packed (assessments.fit_array), their code list shared and their best
careers precomputed, instead of three JSON lists of a thousand numbers each.

Going back restores codes and FIT; the per-domain distances are not recovered (they were only
ever a cache of what the profile gives again).
"""

import hashlib
import math
import zlib
from array import array

from django.db import migrations, models
import django.db.models.deletion

NONE = 0xFFFF
TOP_KEPT = 25


def _pack(fit):
    tenths = array("H")
    for value in fit:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        tenths.append(int(round(min(max(value, 0.0), 100.0) * 10)) if ok else NONE)
    if tenths.itemsize != 2:
        raise RuntimeError("unsigned short is not 16 bits here")
    if array("H", [1]).tobytes() != b"\x01\x00":
        tenths.byteswap()
    return zlib.compress(tenths.tobytes(), 9)


def _unpack(data):
    tenths = array("H")
    tenths.frombytes(zlib.decompress(bytes(data)) if data else b"")
    if array("H", [1]).tobytes() != b"\x01\x00":
        tenths.byteswap()
    return [None if value == NONE else value / 10 for value in tenths]


def forward(apps, schema_editor):
    Result = apps.get_model("assessments", "Result")
    CareerCodes = apps.get_model("assessments", "CareerCodes")
    ids = {}
    for result in Result.objects.only("id", "codes", "fit").iterator(chunk_size=200):
        codes = list(result.codes or [])
        fit = list(result.fit or [])[: len(codes)]
        if codes:
            text = "\n".join(codes)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in ids:
                ids[digest] = CareerCodes.objects.get_or_create(
                    digest=digest, defaults={"codes": text}
                )[0].pk
            result.career_codes_id = ids[digest]
        result.fit_packed = _pack(fit)
        scored = sorted(
            (-round(value, 1), position)
            for position, value in enumerate(fit)
            if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        )
        result.top = [[codes[position], -negative] for negative, position in scored[:TOP_KEPT]]
        result.save(update_fields=["career_codes", "fit_packed", "top"])


def backward(apps, schema_editor):
    Result = apps.get_model("assessments", "Result")
    for result in Result.objects.select_related("career_codes").iterator(chunk_size=200):
        codes = result.career_codes.codes.split("\n") if result.career_codes_id else []
        result.codes = codes
        result.fit = _unpack(result.fit_packed)
        result.squared = {}
        result.save(update_fields=["codes", "fit", "squared"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_rate_counter"),
    ]

    operations = [
        migrations.CreateModel(
            name="CareerCodes",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(editable=False, max_length=64, unique=True)),
                ("codes", models.TextField(editable=False)),
            ],
            options={"verbose_name": "career code list"},
        ),
        migrations.AddField(
            model_name="result",
            name="career_codes",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="assessments.careercodes",
            ),
        ),
        migrations.AddField(
            model_name="result",
            name="fit_packed",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.AddField(
            model_name="result",
            name="top",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="result", name="codes"),
        migrations.RemoveField(model_name="result", name="fit"),
        migrations.RemoveField(model_name="result", name="squared"),
    ]
