"""`Idempotency-Key` on the API's creating POSTs: a client that retries after a lost answer
gets the first answer again instead of a second instance, message or payment.

The key is the person's own (two people may use the same one); it is kept for
`IDEMPOTENCY_KEY_HOURS` (24). The request runs in one transaction with the key's row, so a
request that fails with an error stores nothing and may be retried; a second request with the
same key waits for the first (the row's unique constraint) and then gets its answer.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "Any unique string (a UUID): sending the same request again with the same key within "
        "24 hours answers the first answer again (header Idempotent-Replayed: true) instead "
        "of doing it twice; the same key with another request is a 422."
    ),
)


class KeyReused(APIException):
    status_code = 422
    default_code = "idempotency_key_reused"


def _hours() -> int:
    return int(getattr(settings, "IDEMPOTENCY_KEY_HOURS", 24))


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.path, request.body):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _checked_key(raw: str) -> str:
    key = raw.strip()
    if not key or len(key) > 255 or not key.isascii() or not key.isprintable():
        raise ValidationError(
            {HEADER: [_("An Idempotency-Key is 1 to 255 printable ASCII characters.")]}
        )
    return key


def _replay(row: IdempotentRequest) -> Response:
    return Response(row.body, status=row.status, headers={REPLAYED: "true"})


def idempotent(handler):
    """Decorate an API view's `post(self, request, ...)` to honour `Idempotency-Key`."""

    @wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        raw = request.headers.get(HEADER)
        if raw is None or not request.user.is_authenticated:
            return handler(view, request, *args, **kwargs)
        key, fingerprint = _checked_key(raw), _fingerprint(request)
        since = timezone.now() - timedelta(hours=_hours())
        IdempotentRequest.objects.filter(user=request.user, key=key, created_at__lt=since).delete()
        earlier = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if earlier is not None:
            return _answer_again(earlier, fingerprint)
        try:
            with transaction.atomic():
                response = handler(view, request, *args, **kwargs)
                if response.status_code < 500:
                    body = json.loads(JSONRenderer().render(response.data) or b"null")
                    IdempotentRequest.objects.create(
                        user=request.user,
                        key=key,
                        fingerprint=fingerprint,
                        status=response.status_code,
                        body=body,
                    )
        except IntegrityError:
            # The same key's first request committed while this one ran: its answer wins.
            earlier = IdempotentRequest.objects.filter(user=request.user, key=key).first()
            if earlier is None:
                raise
            return _answer_again(earlier, fingerprint)
        return response

    return wrapper


def _answer_again(earlier: IdempotentRequest, fingerprint: str) -> Response:
    if earlier.fingerprint != fingerprint:
        raise KeyReused(
            _(
                "This Idempotency-Key was already used for another request; "
                "use a new key for a new request."
            )
        )
    return _replay(earlier)
