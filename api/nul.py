"""A NUL character in a request's query, form or JSON body: 400 naming where, not a 500.

PostgreSQL stores no NUL in text or jsonb ("A string literal cannot contain NUL"), so such a
value would fail deep in a query; SQLite would keep it. Both refuse it here, before any view
runs, so both answer the same and nothing is written.
"""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
# The bodies whose values become text in the database; any other body is the view's own.
TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded")


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _in_fields(fields) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in fields.lists())


def nul_in(request) -> str | None:
    """Where the request carries a NUL character ("query", "body"), else None."""
    if NUL in request.path or _in_fields(request.GET):
        return "query"
    if request.method in ("GET", "HEAD", "OPTIONS") or request.content_type not in TEXT_BODIES:
        return None  # files and archives (BPMN, zip, uploads) are bytes
    if request.content_type == "application/x-www-form-urlencoded":
        return "body" if _in_fields(request.POST) else None
    body = request.body
    if b"\x00" not in body and b"\\u0000" not in body:
        return None
    try:
        return "body" if _has_nul(json.loads(body)) else None
    except ValueError:
        return None  # the view answers the malformed JSON itself


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
