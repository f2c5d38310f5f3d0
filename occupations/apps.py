from __future__ import annotations

from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "occupations"
    verbose_name = "Occupations"
