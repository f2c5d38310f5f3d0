from __future__ import annotations

import os
import socket

import pytest
from django.test import RequestFactory

from assessments import ratelimit
from assessments.models import RateCounter

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def request(remote: str = "203.0.113.9", forwarded: str = ""):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_proxies_the_client_is_the_remote_address(settings):
    settings.NUM_PROXIES = 0
    assert ratelimit.client_address(request(forwarded="1.1.1.1")) == "203.0.113.9"


def test_behind_a_proxy_the_client_is_what_the_proxy_saw(settings):
    settings.NUM_PROXIES = 1
    # The left entries are whatever the client claimed; only the proxy's own is trusted.
    made_up = request(remote="10.0.0.2", forwarded="6.6.6.6, 198.51.100.7")
    assert ratelimit.client_address(made_up) == "198.51.100.7"
    assert ratelimit.client_address(request(remote="10.0.0.2")) == "10.0.0.2"


@pytest.fixture
def three_a_minute(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test": (3, 60), "other": (3, 60)}


def counts_and_blocks() -> None:
    for _ in range(3):
        assert not ratelimit.blocked("test", "Someone@Example.com")
        assert not ratelimit.hit("test", "someone@example.com")
    # Keys are compared without case or surrounding space.
    assert ratelimit.blocked("test", " SOMEONE@example.com")
    assert ratelimit.hit("test", "someone@example.com")
    assert not ratelimit.blocked("other", "someone@example.com")
    assert not ratelimit.blocked("test", "someone-else@example.com")
    ratelimit.clear("test", "someone@example.com")
    assert not ratelimit.blocked("test", "someone@example.com")
    # Taking an attempt back leaves room for one more.
    for _ in range(3):
        ratelimit.hit("test", "x")
    assert ratelimit.blocked("test", "x")
    ratelimit.take_back("test", "x")
    assert not ratelimit.blocked("test", "x")
    ratelimit.take_back("test", "never-counted")
    assert not ratelimit.blocked("test", "never-counted")


@pytest.mark.django_db
def test_the_database_store_counts_blocks_and_clears(three_a_minute):
    counts_and_blocks()


@pytest.mark.django_db
def test_an_expired_window_starts_again_at_one(three_a_minute, monkeypatch):
    for _ in range(4):
        ratelimit.hit("test", "x")
    assert ratelimit.blocked("test", "x")
    later = ratelimit.time.time() + 61
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert not ratelimit.blocked("test", "x")
    assert not ratelimit.hit("test", "x")
    assert RateCounter.objects.get().count == 1


@pytest.mark.django_db
def test_the_database_store_keeps_no_address_or_email(three_a_minute):
    ratelimit.hit("test", "someone@example.com", "203.0.113.9")
    for counter in RateCounter.objects.all():
        assert "example" not in counter.key
        assert "203" not in counter.key


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db
def test_the_redis_store_counts_blocks_and_clears_when_cache_url_names_redis(
    three_a_minute, settings
):
    if not redis_reachable():
        pytest.skip("!!! NO REDIS at 127.0.0.1:6379: the Redis rate-limit store is NOT tested")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    from django.core.cache import cache

    cache.clear()
    counts_and_blocks()
    # Nothing went to the database.
    assert not RateCounter.objects.exists()
    cache.clear()
