"""What the HTTP benchmarks share: manage.py in a child process, and gunicorn on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def product_env(postgres: str, database: str, **extra: str) -> dict[str, str]:
    """The environment the benchmarks run the product in: DEBUG off, bench/settings.py, the
    PostgreSQL `database` on the server of the `postgres` URL."""
    url = urllib.parse.urlsplit(postgres)
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": urllib.parse.urlunsplit(url._replace(path=f"/{database}")),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def maintenance_url(postgres: str) -> str:
    """The server's own database, to create or drop others from."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(postgres)._replace(path="/postgres"))


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int, probe: str = "/") -> Iterator[tuple[int, int]]:
    """gunicorn on a free loopback port until the block ends: (port, master pid)."""
    port = free_port()
    command = [str(Path(PYTHON).parent / "gunicorn"), "careerfit.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--timeout", "60", "--access-logfile", "/dev/null"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        yield port, process.pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
