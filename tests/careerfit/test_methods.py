"""Every URL of the site answers only the methods its view takes; the rest get 405."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.assessments.account_factories import make_counselor

pytestmark = pytest.mark.django_db

# Arguments that fit each converter; whether the row exists does not matter for a 405.
ARGUMENTS = {
    "token": "x" * 32,
    "number": 1,
    "pk": 1,
    "code": "15-1252.00",
    "target": "15-1251.00",
    "soc_code": "15-1252",
}
UNSAFE = ("put", "patch", "delete", "trace")


def site_urls() -> list[str]:
    urls = []

    def walk(patterns: list, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                wanted = pattern.pattern.converters
                if "uidb64" in wanted:
                    continue
                urls.append(reverse(name, kwargs={key: ARGUMENTS[key] for key in wanted}))

    walk(get_resolver().url_patterns)
    return urls


def test_no_url_of_the_site_takes_put_patch_delete_or_trace(client):
    urls = site_urls()
    assert reverse("home") in urls
    assert reverse("career_detail", args=["15-1252.00"]) in urls
    client.force_login(make_counselor())
    for url in urls:
        for method in UNSAFE:
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url, response.status_code)


def test_catalog_pages_answer_get_and_head(client):
    for url in (reverse("home"), reverse("career_list"), reverse("assessments:how_we_score")):
        assert client.get(url).status_code == 200
        assert client.head(url).status_code == 200
