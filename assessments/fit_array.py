"""A result's FIT per career, packed small: whole tenths as 16-bit integers, then deflated.

A thousand careers take about 1.4 KB instead of the 10 KB or so of a JSON list, and unpack in
microseconds. Tenths are what FIT is shown and sorted by (scoring.score_from_squared), so
nothing a person saw is lost. Pure: no ORM.
"""

from __future__ import annotations

import zlib

import numpy as np

NONE = 0xFFFF  # a career nothing could be compared for
_TYPE = np.dtype("<u2")


def pack(fit: np.ndarray) -> bytes:
    """FIT 0–100 (NaN for none) → bytes."""
    values = np.asarray(fit, dtype=float)
    tenths = np.rint(np.clip(np.nan_to_num(values, nan=0.0), 0.0, 100.0) * 10.0)
    tenths[np.isnan(values)] = NONE
    return zlib.compress(tenths.astype(_TYPE).tobytes(), 9)


def unpack(data: bytes | memoryview) -> np.ndarray:
    """bytes → FIT 0–100 as floats, NaN for none; empty bytes → an empty array."""
    if not data:
        return np.empty(0)
    tenths = np.frombuffer(zlib.decompress(bytes(data)), dtype=_TYPE)
    fit = tenths / 10.0
    fit[tenths == NONE] = np.nan
    return fit
