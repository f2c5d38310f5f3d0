"""Counters of failed attempts (logins, invite codes) per client address and per account.

They live in Django's cache, so they are per process unless CACHE_URL points every app server
at the same cache (README, Deployment). A window starts at the first failure and lasts
RATE_LIMIT_WINDOW seconds; a key over RATE_LIMIT_ATTEMPTS failures in it is blocked.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with NUM_PROXIES the address the nearest trusted proxy saw."""
    proxies = settings.NUM_PROXIES
    if proxies:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def keys_for(request: HttpRequest, *, account: str = "") -> list[str]:
    keys = [f"address:{client_address(request)}"]
    if account:
        keys.append(f"account:{account.strip().casefold()}")
    return keys


def is_blocked(scope: str, keys: list[str]) -> bool:
    counts = cache.get_many([_cache_key(scope, key) for key in keys])
    return any(count >= settings.RATE_LIMIT_ATTEMPTS for count in counts.values())


def record_failure(scope: str, keys: list[str]) -> None:
    for key in keys:
        name = _cache_key(scope, key)
        cache.add(name, 0, timeout=settings.RATE_LIMIT_WINDOW)
        try:
            cache.incr(name)
        except ValueError:
            # Expired between add and incr: this failure starts a new window.
            cache.set(name, 1, timeout=settings.RATE_LIMIT_WINDOW)


def forget(scope: str, keys: list[str]) -> None:
    cache.delete_many([_cache_key(scope, key) for key in keys])


def window_minutes() -> int:
    return max(1, -(-settings.RATE_LIMIT_WINDOW // 60))


def _cache_key(scope: str, key: str) -> str:
    # Hashed: addresses and emails may hold characters some cache backends refuse in keys.
    return f"ratelimit:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
