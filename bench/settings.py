"""The product's settings plus the benchmark's URLs (a bare view to compare pages against)."""

from __future__ import annotations

from careerfit.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
