"""A real careerfit server in a subprocess, on a fresh database of its own, and browser-like
clients that talk to it over loopback HTTP.

The test client and pytest-django's test database run requests one at a time in the test's
process, so they cannot show what concurrent people do to a threaded server and a shared
database. This module serves the app the way `make run` does (`manage.py runserver`) and lets
tests read the server's database directly afterwards. Standard library only, besides psycopg
(already a dependency) for PostgreSQL.
"""

from __future__ import annotations

import contextlib
import http.client
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# The checkout these tests belong to, so a copy in a git worktree serves that worktree's code.
ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "manage.py"
# A test that dies without cleaning up (SIGKILL, a crashed runner) must not leave a server behind.
SERVER_LIFETIME = 600


@dataclass
class Database:
    """A database made for one test run: its DATABASE_URL and a scratch folder for logs."""

    url: str
    vendor: str  # "sqlite" or "postgresql"
    workdir: Path
    path: Path | None = None  # the SQLite file

    def connect(self) -> Any:
        """A DB-API connection of our own, outside Django, to read what the server stored."""
        if self.vendor == "sqlite":
            assert self.path is not None
            return sqlite3.connect(self.path, timeout=20)
        import psycopg

        return psycopg.connect(self.url, connect_timeout=10)

    def env(self) -> dict[str, str]:
        """The server's environment: a development setup on this database, loopback only."""
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.url,
            DEBUG="1",
            SECRET_KEY="live-server-" + secrets.token_urlsafe(40),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PYTHONUNBUFFERED="1",
        )
        # Belongs to the test runner's own database, not to this one.
        env.pop("TEST_DATABASE_NAME", None)
        return env

    def manage(self, *args: str, timeout: float = 180) -> str:
        """Run a management command against this database; its output, or a failure."""
        done = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            cwd=ROOT,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(
                f"manage.py {' '.join(args)} exited with {done.returncode}:\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
        return done.stdout


@contextlib.contextmanager
def fresh_database(suite_url: str) -> Iterator[Database]:
    """An empty database of the kind the suite runs on (a postgres URL, else SQLite), dropped
    afterwards. Migrating it is up to the caller."""
    with tempfile.TemporaryDirectory(prefix="careerfit-live-") as scratch:
        workdir = Path(scratch)
        if not suite_url.startswith(("postgres://", "postgresql://")):
            path = workdir / "live.sqlite3"
            yield Database(url=f"sqlite:///{path}", vendor="sqlite", workdir=workdir, path=path)
            return
        with _postgres_database(suite_url) as url:
            yield Database(url=url, vendor="postgresql", workdir=workdir)


@contextlib.contextmanager
def _postgres_database(suite_url: str) -> Iterator[str]:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(suite_url)
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"no PostgreSQL server at {parts.hostname}:{parts.port}: {error}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    name = f"careerfit_live_{os.getpid()}_{secrets.token_hex(4)}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
        finally:
            # FORCE: a server that was killed may leave a connection the backend still counts.
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    database: Database

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def live_server(database: Database, *, start_timeout: float = 60) -> Iterator[Server]:
    """`manage.py runserver --noreload` on a free loopback port, stopped on the way out."""
    port = free_port()
    log = database.workdir / "server.log"
    command = [sys.executable, str(MANAGE), "runserver", "--noreload", f"127.0.0.1:{port}"]
    if shutil.which("timeout"):
        # Bounds the server even if this process is killed before its `finally` runs.
        command = ["timeout", "--kill-after=5", str(SERVER_LIFETIME), *command]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=database.env(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log, database=database)
    try:
        _wait_until_serving(server, start_timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_serving(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"runserver exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "/assessment/start/", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    pytest.fail(f"runserver did not answer within {timeout:.0f} s:\n{server.log_tail()}")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # Every hop is recorded, so a redirect is followed by Browser, not by urllib.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Response:
    status: int  # 0: no HTTP answer (timeout, reset connection)
    url: str
    body: str
    location: str = ""


@dataclass
class Browser:
    """One person's browser: its own cookies, every status it got, and what went wrong."""

    base: str
    timeout: float
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    # (status, what happened) for every request that got no answer (0) or a 4xx/5xx.
    problems: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def get(self, path: str, *, kind: str) -> Response:
        return self.request("GET", path, kind=kind)

    def post(
        self,
        path: str,
        data: dict[str, str],
        *,
        kind: str,
        headers: dict[str, str] | None = None,
        follow: bool = True,
    ) -> Response:
        return self.request("POST", path, data=data, kind=kind, headers=headers, follow=follow)

    def request(
        self,
        method: str,
        path: str,
        *,
        kind: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        follow: bool = True,
    ) -> Response:
        response = self._send(method, path, data, headers or {}, kind)
        hops = 0
        while follow and response.status in (301, 302, 303) and hops < 5:
            hops += 1
            response = self._send("GET", response.location, None, {}, kind)
        return response

    def _send(
        self,
        method: str,
        path: str,
        data: dict[str, str] | None,
        headers: dict[str, str],
        kind: str,
    ) -> Response:
        url = urllib.parse.urljoin(self.base, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        if method == "POST":
            # What a browser sends with a same-origin form post.
            request.add_header("Origin", self.base)
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                response = Response(answer.status, answer.url, answer.read().decode())
        except urllib.error.HTTPError as error:
            response = Response(
                error.code,
                url,
                error.read().decode(errors="replace"),
                location=error.headers.get("Location", ""),
            )
        except (OSError, http.client.HTTPException) as error:
            response = Response(0, url, "")
            self.problems.append((0, f"{method} {path}: no answer ({error!r})"))
        self.statuses[(kind, response.status)] += 1
        if response.status >= 400:
            self.problems.append(
                (response.status, f"{method} {path}: {response.status} {_reason(response.body)}")
            )
        return response

    def page_csrf_token(self, body: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        return found.group(1) if found else ""


def _reason(body: str) -> str:
    """The exception on Django's debug page (DEBUG=1), or the page title."""
    found = re.search(r'<pre class="exception_value">(.*?)</pre>', body, re.S) or re.search(
        r"<title>(.*?)</title>", body, re.S
    )
    return " ".join(found.group(1).split())[:200] if found else body[:200].strip()
