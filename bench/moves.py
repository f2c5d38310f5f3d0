"""Career moves benchmark: all moves from one job on the full catalog, with and without a FIT.

    python bench/moves.py [--code 43-4051.00] [--repeat 200]

Reads the database DATABASE_URL names (the dev database after `make run`, or any with the
O*NET release imported). Prints the median and p95 of `moves_from` over --repeat runs (goal
≤ 10 ms; the arrays are built once per catalog version, outside the timing), the time to build
those arrays, and the top 10 moves with their figures, with a sample person's FIT and without.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from occupations import move_data, moves  # noqa: E402
from occupations.models import Occupation  # noqa: E402


def timed(run, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", default="43-4051.00")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    catalog = move_data.build_move_catalog()
    built = time.perf_counter() - started
    source = catalog.row(args.code)
    if source is None:
        raise SystemExit(f"{args.code} is not in the catalog")
    # A made-up person: a FIT for every career, the same each run.
    rng = np.random.default_rng(7)
    fits = {
        code: float(fit)
        for code, fit in zip(catalog.codes, rng.uniform(20, 95, len(catalog.codes)), strict=True)
    }
    titles = dict(Occupation.objects.values_list("code", "title"))
    print(
        f"{len(catalog.codes)} occupations × {len(catalog.descriptors)} skills and knowledge; "
        f"arrays built in {built:.2f} s (once per catalog version)"
    )
    for label, given in (("without a FIT", None), ("with a FIT", fits)):
        p50, p95 = timed(
            lambda given=given: moves.moves_from(catalog, source, fits=given), args.repeat
        )
        print(
            f"all moves from {args.code} {label}: median {p50:.2f} ms, p95 {p95:.2f} ms"
            " (goal ≤ 10 ms)"
        )
    found = moves.moves_from(catalog, source)
    print(f"\nTop 10 moves from {titles[args.code]} (no result: ranked by reach):")
    print(f"{'#':>2} {'score':>5} {'gap':>5} {'zone':>5} {'pay':>6} {'rel':>3}  career")
    for rank, move in enumerate(found[:10], 1):
        pay = "–" if move.pay_change is None else f"{100 * move.pay_change:+.0f}%"
        step = "–" if move.step is None else f"{move.step:+.0f}"
        print(
            f"{rank:>2} {move.score:>5.1f} {move.gap:>5.1f} {step:>5} {pay:>6} "
            f"{'yes' if move.related else '':>3}  {titles[move.code]}"
        )


if __name__ == "__main__":
    main()
