"""Import benchmark: full O*NET and OEWS releases into fresh SQLite and PostgreSQL databases.

    python bench/imports.py --onet ../shared/onet/db_29_3_excel \
        --oews ../shared/bls/oews_may2025_all_areas.csv.gz \
        --postgres postgres://postgres@127.0.0.1:5432/careerfit

Prints wall-clock seconds and peak memory of each import, first run and re-run (idempotent).
Goal (issue 2): each full import ≤ 60 s on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = "careerfit_bench"


def manage(database_url: str, *args: str) -> tuple[float, float]:
    """Run manage.py; return (seconds, peak RSS MiB of the child)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - started, max(peak, before) / 1024


def bench(label: str, database_url: str, sources: list[tuple[str, str, str]]) -> None:
    manage(database_url, "migrate", "--noinput")
    for name, command, source in sources:
        first, memory = manage(database_url, command, source)
        again, _ = manage(database_url, command, source)
        print(
            f"{label:<11} {name:<12} first import {first:6.1f} s   re-run {again:6.1f} s   "
            f"peak RSS {memory:6.0f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", required=True)
    parser.add_argument("--oews", required=True)
    parser.add_argument("--projections", default="")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/careerfit")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; O*NET: {args.onet}; OEWS: {args.oews}")
    sources = [("O*NET", "import_onet", args.onet), ("OEWS", "import_oews", args.oews)]
    if args.projections:
        sources.append(("Projections", "import_projections", args.projections))

    with tempfile.TemporaryDirectory() as tmp:
        bench("SQLite", f"sqlite:///{tmp}/bench.sqlite3", sources)

    params = conninfo_to_dict(args.postgres)
    admin = make_conninfo(**{**params, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    try:
        url = urlsplit(args.postgres)._replace(path=f"/{BENCH_DB}").geturl()
        bench("PostgreSQL", url, sources)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


if __name__ == "__main__":
    main()
