from __future__ import annotations

from django.test import RequestFactory

from assessments import ratelimit


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


def test_a_key_is_blocked_after_the_allowed_failures_and_forgotten_on_request(settings):
    settings.RATE_LIMIT_ATTEMPTS = 3
    keys = ratelimit.keys_for(request(), account="Someone@Example.com")
    assert keys == ["address:203.0.113.9", "account:someone@example.com"]
    for _ in range(2):
        ratelimit.record_failure("test", keys)
    assert not ratelimit.is_blocked("test", keys)
    ratelimit.record_failure("test", keys)
    assert ratelimit.is_blocked("test", keys)
    assert ratelimit.is_blocked("test", keys[1:])
    assert not ratelimit.is_blocked("other-scope", keys)
    ratelimit.forget("test", keys[1:])
    assert not ratelimit.is_blocked("test", keys[1:])
    assert ratelimit.is_blocked("test", keys[:1])
