"""Measure the rate limits as an attacker meets them: gunicorn with several workers, real HTTP.

    python bench/limits.py [--workers 3] [--postgres URL] [--redis URL] [--threads 6]

For each store the limits can count in (the default, the database; and Redis, as
CACHE_URL=redis://… selects), it makes a throwaway PostgreSQL database, starts
`gunicorn careerfit.wsgi --workers N` on a free loopback port with DEBUG=0, and sends
attempts from several threads at once, so they land on different workers at the same moment.
Client addresses are distinct loopback addresses (127.0.0.x), so REMOTE_ADDR is real.

It prints, per scenario, what the settings allow and how many attempts got through before
the first 429. Every request is bounded by a timeout, the server is stopped at the end, and
only loopback addresses are used. Not a test: it reports figures.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.server import gunicorn, manage

PASSWORD = "Bench-password-for-limits-7"
TIMEOUT = 20


@dataclass
class Client:
    """One browser: its own address and cookies (set by hand: the cookies are Secure)."""

    port: int
    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=TIMEOUT, source_address=(self.address, 0)
        )
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.partition(";")[0]
            return response.status, response.getheader("Location", "")
        finally:
            connection.close()

    def csrf(self, path: str = "/accounts/login/") -> None:
        if "csrftoken" not in self.cookies:
            self.request("GET", path)


def through_until_429(attempts: list, threads: int) -> tuple[int, int, dict[int, int]]:
    """Send the attempts in waves of `threads`; how many got an answer other than 429."""
    statuses: dict[int, int] = {}
    through = 0
    with ThreadPoolExecutor(threads) as pool:
        for status in pool.map(lambda attempt: attempt(), attempts):
            statuses[status] = statuses.get(status, 0) + 1
            through += status != 429
    return through, len(attempts), statuses


def scenarios(port: int, threads: int, limits: dict[str, tuple[int, int]]) -> list[tuple]:
    rows = []

    def login(client: Client, email: str, password: str, path: str = "/accounts/login/"):
        client.csrf(path)
        return client.request("POST", path, {"username": email, "password": password})[0]

    # 1. One address guessing one account's password.
    guesser = [Client(port, "127.0.0.2") for _ in range(threads)]
    for client in guesser:
        client.csrf()
    attempts = [
        (lambda n=n, c=guesser[n % threads]: login(c, "owner@example.com", f"wrong{n}"))
        for n in range(40)
    ]
    rows.append(("login: one address, one account", limits["login"][0], attempts))

    # 2. One address trying many accounts.
    sprayer = [Client(port, "127.0.0.3") for _ in range(threads)]
    attempts = [
        (lambda n=n, c=sprayer[n % threads]: login(c, f"person{n}@example.com", "wrong"))
        for n in range(60)
    ]
    rows.append(("login: one address, many accounts", limits["login_address"][0], attempts))

    # 3. The admin login, one address guessing the staff password.
    admin = [Client(port, "127.0.0.5") for _ in range(threads)]
    attempts = [
        (lambda n=n, c=admin[n % threads]: login(c, "staff@example.com", f"w{n}", "/admin/login/"))
        for n in range(40)
    ]
    rows.append(("admin login: one address", limits["login"][0], attempts))

    # 4. Resume-link emails to one stranger's address, from fresh assessments.
    def mail(client: Client, recipient: str) -> int:
        client.csrf("/assessment/start/")
        status, location = client.request("POST", "/assessment/start/", {"form": "short"})
        match = re.search(r"/assessment/([^/]+)/", location)
        if status != 302 or not match:
            return status
        path = f"/assessment/{match.group(1)}/email/"
        return client.request("POST", path, {"email": recipient})[0]

    spam = [Client(port, f"127.0.1.{n}") for n in range(32)]
    attempts = [(lambda c=c: mail(c, "stranger@example.com")) for c in spam]
    rows.append(("resume mail: one recipient, many clients", limits["mail_to"][0], attempts))
    sender = [Client(port, "127.0.0.7") for _ in range(threads)]
    attempts = [
        (lambda n=n, c=sender[n % threads]: mail(c, f"r{n}@example.com")) for n in range(30)
    ]
    rows.append(("resume mail: one client, many recipients", limits["mail_from"][0], attempts))

    # 5. Starting assessments from one address.
    starter = [Client(port, "127.0.0.9") for _ in range(threads)]

    def start(client: Client) -> int:
        client.csrf("/assessment/start/")
        return client.request("POST", "/assessment/start/", {"form": "short"})[0]

    attempts = [(lambda c=starter[n % threads]: start(c)) for n in range(limits["start"][0] + 20)]
    rows.append(("start: one address", limits["start"][0], attempts))

    # 6. Signups from one address (each tells whether an email has an account).
    signer = [Client(port, "127.0.0.10") for _ in range(threads)]

    def signup(client: Client) -> int:
        client.csrf("/accounts/signup/")
        # An email that has an account: what someone probing for accounts would send.
        form = {"name": "P", "email": "owner@example.com", "password1": PASSWORD}
        form["password2"] = PASSWORD
        return client.request("POST", "/accounts/signup/", form)[0]

    attempts = [(lambda c=signer[n % threads]: signup(c)) for n in range(30)]
    rows.append(("signup: one address", limits["signup"][0], attempts))
    return rows


def owner_checks(port: int) -> list[tuple[str, int]]:
    """After the attacks: can the owners still log in from their own addresses?"""

    def login(address: str, email: str, path: str) -> int:
        client = Client(port, address)
        client.csrf(path)
        return client.request("POST", path, {"username": email, "password": PASSWORD})[0]

    return [
        (
            "owner, right password, from the guesser's address",
            login("127.0.0.2", "owner@example.com", "/accounts/login/"),
        ),
        (
            "owner, right password, from their own address",
            login("127.0.0.4", "owner@example.com", "/accounts/login/"),
        ),
        (
            "staff, right password, from the guesser's address",
            login("127.0.0.5", "staff@example.com", "/admin/login/"),
        ),
        (
            "staff, right password, from their own address",
            login("127.0.0.6", "staff@example.com", "/admin/login/"),
        ),
    ]


def run_store(args: argparse.Namespace, store: str, cache_url: str) -> None:
    import psycopg

    name = f"careerfit_limits_{os.getpid()}"
    server = urllib.parse.urlsplit(args.postgres)
    admin_url = urllib.parse.urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": urllib.parse.urlunsplit(server._replace(path=f"/{name}")),
        "CACHE_URL": cache_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-limits-only-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_questionnaire")
        manage(env, "shell", "-c", SEED.format(password=PASSWORD))
        if cache_url.startswith("redis"):
            manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
        with gunicorn(env, workers=args.workers) as (port, _pid):
            report(args, store, port, json_limits(env))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(args: argparse.Namespace, store: str, port: int, limits: dict) -> None:
    print(f"\n## {store} store: {args.workers} gunicorn workers on PostgreSQL, ", end="")
    print(f"{args.threads} attempts at once")
    print(f"{'scenario':<46} {'allowed':>7} {'got through':>11} {'sent':>5}  statuses")
    for title, allowed, attempts in scenarios(port, args.threads, limits):
        through, sent, statuses = through_until_429(attempts, args.threads)
        shown = ", ".join(f"{code}×{count}" for code, count in sorted(statuses.items()))
        print(f"{title:<46} {allowed:>7} {through:>11} {sent:>5}  {shown}")
    for title, status in owner_checks(port):
        print(f"{title:<52} {status}")


SEED = """
from django.contrib.auth.models import User
User.objects.create_user("owner@example.com", "owner@example.com", "{password}")
User.objects.create_superuser("staff@example.com", "staff@example.com", "{password}")
"""


def json_limits(env: dict[str, str]) -> dict[str, tuple[int, int]]:
    import json

    code = "import json; from django.conf import settings; print(json.dumps(settings.RATE_LIMITS))"
    return {
        key: tuple(value)
        for key, value in json.loads(
            manage(env, "shell", "-v", "0", "-c", code).strip().splitlines()[-1]
        ).items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--store", choices=["database", "redis", "both"], default="both")
    args = parser.parse_args()
    if args.store in {"database", "both"}:
        run_store(args, "database (default)", "")
    if args.store in {"redis", "both"}:
        run_store(args, "Redis", args.redis)


if __name__ == "__main__":
    main()
