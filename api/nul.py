"""A NUL character in a request's query, form or JSON body: 400 naming where, not a 500.

PostgreSQL stores no NUL in text or jsonb ("A string literal cannot contain NUL"), so such a
value would fail deep in a query; SQLite would keep it. Both refuse it here, before any view
runs, so both answer the same and nothing is written.
"""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def nul_in(request) -> str | None:
    """Where the request carries a NUL character ("query", "body"), else None."""
    if NUL in request.path or any(
        NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()
    ):
        return "query"
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.content_type.startswith("multipart/"):
        return None  # uploads: their files are bytes
    body = request.body
    if b"\x00" not in body and b"\\u0000" not in body:
        return None
    if request.content_type == "application/json":
        try:
            return "body" if _has_nul(json.loads(body)) else None
        except ValueError:
            return None  # the view answers the malformed JSON itself
    return "body"


class NulCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = nul_in(request)
        if where is not None:
            detail = (
                _("The address or its query holds a NUL character; remove it.")
                if where == "query"
                else _("The request's body holds a NUL character; remove it.")
            )
            return JsonResponse({"detail": detail}, status=400)
        return self.get_response(request)
