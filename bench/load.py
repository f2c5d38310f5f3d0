"""Load benchmark: the core pages as a share of what a bare Django view serves on the same stack.

    python bench/load.py [--seconds 5] [--rounds 3] [--connections 16] [--workers 2]
                         [--takers 200] [--think 2000] [--only "home page,results page"]

It imports the shared releases once into a PostgreSQL database kept between runs
(careerfit_load; --fresh drops it first), makes assessments, starts
`gunicorn --workers 2` with DEBUG=0 and bench/settings.py (the product's settings plus a bare
"ok" view at /bench/bare/ and the least an answer save can do, /bench/answer-floor/: the same
POST and SQL statements in raw SQL, no form, ORM or template; both exist only here), then drives
each page with wrk on loopback,
each page run right after a run of the bare view, for several rounds. It prints requests per
second, the ratio to the bare view of the same round (median over rounds), p50/p95 latency
and the workers' resident memory. The results page is read as a returning visitor does, with
the session cookie of a first visit. Last, a class (take_the_quiz): --takers people each saving
an answer every --think ms on average (about 100 saves/s for 200 takers at 2 s), with p50/p95
latency. Needs
Debian's wrk. Runs stop by themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.server import gunicorn, maintenance_url, manage, product_env

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SHARED = Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared"))
DATABASE = "careerfit_load"
CSRF = "benchcsrftokenbenchcsrftoken0123"  # 32 characters: an unmasked CSRF secret

# wrk calls these per thread; latency percentiles come out of done() as one JSON line.
REPORT = """
done = function(summary, latency, requests)
  local line = '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "errors": %d, '
    .. '"non2xx": %d}\\n'
  io.write(string.format(line,
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""

ANSWER = """
local tokens = {TOKENS}
local items = {ITEMS}
local n = 0
request = function()
  n = n + 1
  local token = tokens[(n % #tokens) + 1]
  local item = items[(math.floor(n / #tokens) % #items) + 1]
  local body = "csrfmiddlewaretoken=CSRF&item=" .. item .. "&value=" .. tostring(n % 5 + 1)
  return wrk.format("POST", "PREFIX" .. token .. "SUFFIX", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["HX-Request"] = "true",
    ["X-CSRFToken"] = "CSRF",
    ["Cookie"] = "csrftoken=CSRF",
  }, body)
end
"""

# Live searches as people type them, misspellings included, with filters: thousands of distinct
# queries, so nearly every one misses the cached lists and runs the search itself.
SEARCHES = """
local words = {WORDS}
local zones = {"", "1", "2", "3", "4", "5"}
local letters = {"", "R", "I", "A", "S", "E", "C"}
local ais = {"", "25", "50", "75"}
math.randomseed(os.time())
local function pick(list) return list[math.random(#list)] end
request = function()
  local path = "/careers/?q=" .. pick(words) .. "&zone=" .. pick(zones)
    .. "&holland=" .. pick(letters) .. "&ai=" .. pick(ais)
  return wrk.format("GET", path, {["HX-Request"] = "true"})
end
"""
SEARCH_WORDS = [
    "nurse",
    "nur",
    "teach",
    "teacher",
    "engineer",
    "customer+servce",
    "customer+service",
    "software",
    "cook",
    "driver",
    "manager",
    "sales",
    "clerk",
    "mechanic",
    "analyst",
    "doctor",
    "lawyer",
    "electrician",
    "police",
    "designer",
    "writer",
    "acc",
    "tech",
    "farm",
    "care",
    "data",
    "art",
    "build",
    "programer",
    "nurce",
    "elektrician",
    "acountant",
    "managr",
    "truck+driver",
    "registered+nurse",
    "chef",
    "cashier",
    "dentist",
    "therapist",
]


# A returning visitor: the browser sends the session cookie it was given on its first visit.
COOKIE = """
wrk.headers["Cookie"] = "COOKIE"
"""


async def take_the_quiz(
    port: int, tokens: list[str], items: list[str], takers: int, think: float, seconds: float
) -> dict:
    """A class taking the quiz: each taker saves an answer, reads the next statement for 0.5 to
    1.5 × `think` seconds, and so on. Takers start at random moments of the first `think`
    seconds: people in one room do not click in step. Each click is a new connection closed
    after the answer, as the README's reverse proxy talks to gunicorn."""
    chance = random.Random(1)
    latencies: list[float] = []
    failures = 0
    deadline = time.monotonic() + seconds

    async def taker(number: int) -> None:
        nonlocal failures
        token = tokens[number % len(tokens)]
        await asyncio.sleep(chance.uniform(0, think))
        clicks = 0
        while time.monotonic() < deadline:
            body = f"csrfmiddlewaretoken={CSRF}&item={items[clicks % len(items)]}"
            body += f"&value={clicks % 5 + 1}"
            request = (
                f"POST /assessment/{token}/answer/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nHX-Request: true\r\n"
                f"X-CSRFToken: {CSRF}\r\nCookie: csrftoken={CSRF}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}"
            )
            started = time.perf_counter()
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request.encode())
                await writer.drain()
                answer = await reader.read()
                writer.close()
                ok = answer.startswith(b"HTTP/1.1 200")
            except OSError:
                ok = False
            latencies.append((time.perf_counter() - started) * 1000)
            failures += not ok
            clicks += 1
            await asyncio.sleep(chance.uniform(think / 2, think * 3 / 2))

    await asyncio.gather(*(taker(number) for number in range(takers)))
    latencies.sort()
    return {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p95": latencies[max(0, round(0.95 * len(latencies)) - 1)],
        "failures": failures,
    }


def returning(url: str) -> str:
    """wrk's script sending the session cookie a first GET of `url` was given."""
    with urllib.request.urlopen(url, timeout=30) as first:
        cookies = [header.split(";", 1)[0] for header in first.headers.get_all("Set-Cookie") or ()]
    return COOKIE.replace("COOKIE", "; ".join(cookies)) if cookies else ""


def lua_list(values: list[str]) -> str:
    return "{" + ", ".join(json.dumps(value) for value in values) + "}"


def prepare(env: dict[str, str], server: str, fresh: bool, database: str = DATABASE) -> dict:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')
    manage(env, "migrate", "--noinput")
    print("importing the releases when missing (about a minute the first time)…", flush=True)
    manage(
        env,
        "ensure_data",
        "--onet",
        str(SHARED / "onet/db_29_3_excel"),
        "--oews",
        str(SHARED / "bls/oews_may2025_all_areas.csv.gz"),
        "--projections",
        str(SHARED / "bls/projections/occupation.xlsx"),
        "--ai-exposure",
        str(SHARED / "ai/gpts_are_gpts_occ_level.csv"),
        "--oews-industries",
        str(SHARED / "bls/oews_may2025_national_industries.csv.gz"),
    )
    manage(env, "load_questionnaire")
    manage(env, "collectstatic", "--noinput")
    script = (ROOT / "bench/prepare_load.py").read_text()
    return json.loads(manage(env, "shell", "-v", "0", "-c", script).strip().splitlines()[-1])


def wrk(url: str, seconds: int, connections: int, script: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script + REPORT)
    try:
        done = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                file.name,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        os.unlink(file.name)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def rss_mib(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for child in children:
        status = Path(f"/proc/{child}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--fresh", action="store_true", help="drop and re-import the database")
    parser.add_argument("--database", default=DATABASE, help="kept between runs")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--takers", type=int, default=200, help="quiz takers at once (0: skip)")
    parser.add_argument("--think", type=int, default=2000, help="ms between a taker's clicks")
    parser.add_argument("--class-seconds", type=int, default=20)
    parser.add_argument("--class-rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")

    env = {
        **os.environ,
        **product_env(
            args.postgres, args.database, ALLOWED_HOSTS="127.0.0.1", RATE_LIMIT_STARTS="1000000"
        ),
    }
    data = prepare(env, maintenance_url(args.postgres), args.fresh, args.database)
    answer = (
        ANSWER.replace("{TOKENS}", lua_list(data["open"]))
        .replace("{ITEMS}", lua_list(data["items"]))
        .replace("CSRF", CSRF)
        .replace("PREFIX", "/assessment/")
        .replace("SUFFIX", "/answer/")
    )
    floor = (
        ANSWER.replace("{TOKENS}", lua_list(data["open"]))
        .replace("{ITEMS}", lua_list([str(pk) for pk in data["item_ids"]]))
        .replace("CSRF", CSRF)
        .replace("PREFIX", "/bench/answer-floor/")
        .replace("SUFFIX", "/")
    )
    results_path = f"/assessment/{data['finished']}/results/"
    pages = {
        "bare view": ("/bench/bare/", ""),
        "home page": ("/", ""),
        "career list": ("/careers/", ""),
        "career search": ("/careers/?q=nurse", ""),
        "uncached search": ("/careers/", SEARCHES.replace("{WORDS}", lua_list(SEARCH_WORDS))),
        "profile 43-4051.00": ("/careers/43-4051.00/", ""),
        "results page": (results_path, ""),
        "htmx answer save": ("/assessment/x/answer/", answer),
        "answer save floor": ("/bench/answer-floor/x/", floor),
    }
    wanted = [name for name in pages if name != "bare view"]
    if args.only:
        wanted = [name for name in wanted if name in args.only.split(",")]

    with gunicorn(env, workers=args.workers, probe="/bench/bare/") as (port, master):
        base = f"http://127.0.0.1:{port}"
        pages["results page"] = (results_path, returning(base + results_path))
        # Warm-up: every worker loads its code and the catalog caches once.
        for name in wanted:
            wrk(base + pages[name][0], 2, args.connections, pages[name][1])
        rows: dict[str, list[tuple[dict, dict]]] = {name: [] for name in wanted}
        for _round in range(args.rounds):
            for name in wanted:
                bare = wrk(base + pages["bare view"][0], args.seconds, args.connections, "")
                page = wrk(base + pages[name][0], args.seconds, args.connections, pages[name][1])
                rows[name].append((page, bare))
        # Separate classes: a stall of the machine (a checkpoint's disk writes, another
        # program) lands in one of them, and the median tells it apart.
        crowds = [
            asyncio.run(
                take_the_quiz(
                    port,
                    data["open"],
                    data["items"],
                    args.takers,
                    args.think / 1000,
                    args.class_seconds,
                )
            )
            for _round in range(args.class_rounds if args.takers else 0)
        ]
        memory = rss_mib(master)
    print(
        f"\ngunicorn {args.workers} sync workers, PostgreSQL, DEBUG=0; wrk {args.connections} "
        f"connections, {args.seconds} s per run, {args.rounds} rounds, each page after a bare run"
    )
    print(
        f"{'page':<22} {'req/s':>8} {'bare req/s':>10} {'share':>7} {'p50 ms':>8} {'p95 ms':>8}"
        "  errors"
    )
    for name, runs in rows.items():
        share = statistics.median(page["rps"] / bare["rps"] for page, bare in runs)
        rps = statistics.median(page["rps"] for page, _ in runs)
        bare_rps = statistics.median(bare["rps"] for _, bare in runs)
        p50 = statistics.median(page["p50"] for page, _ in runs)
        p95 = statistics.median(page["p95"] for page, _ in runs)
        errors = sum(page["errors"] + page["non2xx"] for page, _ in runs)
        print(
            f"{name:<22} {rps:>8.0f} {bare_rps:>10.0f} {share:>6.0%} {p50:>8.1f} {p95:>8.1f}"
            f"  {errors}"
        )
    if crowds:
        print(
            f"\n{args.takers} quiz takers, a click every {args.think / 1000:g} s each on average, "
            f"{len(crowds)} classes of {args.class_seconds} s (median; each class's p95 after):"
        )
        print(
            f"  {statistics.median(c['rps'] for c in crowds):.0f} answer saves/s, "
            f"p50 {statistics.median(c['p50'] for c in crowds):.1f} ms, "
            f"p95 {statistics.median(c['p95'] for c in crowds):.1f} ms "
            f"({', '.join(str(round(c['p95'])) for c in crowds)}), "
            f"failed {sum(c['failures'] for c in crowds)}"
        )
    print("worker RSS MiB: " + ", ".join(f"{size:.0f}" for size in memory))


if __name__ == "__main__":
    main()
