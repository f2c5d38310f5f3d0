from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from assessments import access


def account(request: HttpRequest) -> dict[str, object]:
    # Lazy: the query runs only on pages whose navigation asks for it.
    return {"is_counselor": SimpleLazyObject(lambda: access.is_counselor(request.user))}
