"""Progress lines for long management commands: one line per step, with a bar and timings."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    def __init__(self, out: TextIO, total: int, *, width: int = 20) -> None:
        self.out = out
        self.total = max(total, 1)
        self.width = width
        self.done = 0
        self.started = time.perf_counter()

    def step(self, label: str, detail: str = "") -> None:
        self.done += 1
        filled = round(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.perf_counter() - self.started
        line = f"[{bar}] {self.done:>2}/{self.total} {label:<45} {detail} ({elapsed:.1f} s)"
        self.out.write(line.rstrip() + "\n")
        if hasattr(self.out, "flush"):
            self.out.flush()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started
