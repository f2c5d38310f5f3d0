"""Rate limits: how often one client, account, address or link may do a thing in a window.

Every limit of the site is named in settings.RATE_LIMITS as (allowed, window seconds) and
counted here, in a store that all workers and servers share: Redis when CACHE_URL names it
(INCR is atomic), otherwise the database (one atomic upsert per counted attempt). Never a
process's own memory, which would multiply every limit by the number of workers.

A window starts at the first counted attempt and lasts its seconds. `hit` counts first and
then compares, so attempts sent at the same moment to different workers cannot all pass; once
the count has reached what is allowed, `blocked` says so until the window ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.db.models import F
from django.http import HttpRequest

from assessments.models import RateCounter

# About one counted attempt in this many also deletes the database store's expired rows.
SWEEP_EVERY = 200


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with NUM_PROXIES the address the nearest trusted proxy saw."""
    proxies = settings.NUM_PROXIES
    if proxies:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limit_of(name: str) -> tuple[int, int]:
    allowed, window = settings.RATE_LIMITS[name]
    return int(allowed), int(window)


def window_minutes(name: str) -> int:
    return max(1, -(-limit_of(name)[1] // 60))


def blocked(name: str, *keys: str) -> bool:
    """Whether any of these keys has used up the limit `name` (counts nothing)."""
    allowed, _ = limit_of(name)
    return any(count > allowed - 1 for count in _counts([_key(name, key) for key in keys]))


def hit(name: str, *keys: str) -> bool:
    """Count one attempt for each key; True when that goes over the limit for any of them."""
    allowed, window = limit_of(name)
    over = False
    for key in keys:
        over |= _increment(_key(name, key), window) > allowed
    return over


def take_back(name: str, *keys: str) -> None:
    """Uncount one attempt (one that turned out not to count, such as a successful login)."""
    names = [_key(name, key) for key in keys]
    if _in_cache():
        for counted in names:
            with contextlib.suppress(ValueError):
                cache.decr(counted)
    else:
        RateCounter.objects.filter(key__in=names, count__gt=0).update(count=F("count") - 1)


def clear(name: str, *keys: str) -> None:
    names = [_key(name, key) for key in keys]
    if _in_cache():
        cache.delete_many(names)
    else:
        RateCounter.objects.filter(key__in=names).delete()


def _key(name: str, key: str) -> str:
    # Hashed: addresses and emails may hold characters a store refuses, and none is kept as is.
    return hashlib.sha256(f"{name}\x1f{key.strip().casefold()}".encode()).hexdigest()


def _in_cache() -> bool:
    return isinstance(caches["default"], RedisCache)


def _counts(names: list[str]) -> list[int]:
    if _in_cache():
        return [int(value) for value in cache.get_many(names).values()]
    now = int(time.time())
    return list(
        RateCounter.objects.filter(key__in=names, expires__gt=now).values_list("count", flat=True)
    )


def _increment(name: str, window: int) -> int:
    if _in_cache():
        cache.add(name, 0, timeout=window)
        try:
            return cache.incr(name)
        except ValueError:
            # Expired between add and incr: this attempt starts a new window.
            cache.set(name, 1, timeout=window)
            return 1
    return _increment_in_database(name, window)


def _increment_in_database(name: str, window: int) -> int:
    now = int(time.time())
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    # One statement, so two workers counting the same key at once both count: an expired
    # window restarts at 1, a live one goes up by 1.
    sql = (
        f"INSERT INTO {table} (key, count, expires) VALUES (%s, 1, %s) "
        f"ON CONFLICT (key) DO UPDATE SET "
        f"count = CASE WHEN {table}.expires <= %s THEN 1 ELSE {table}.count + 1 END, "
        f"expires = CASE WHEN {table}.expires <= %s THEN excluded.expires "
        f"ELSE {table}.expires END "
        f"RETURNING count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [name, now + window, now, now])
        (count,) = cursor.fetchone()
        if random.randrange(SWEEP_EVERY) == 0:
            cursor.execute(f"DELETE FROM {table} WHERE expires <= %s", [now])
    return count
