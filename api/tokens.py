"""A person's API tokens: made (the key shown once), listed, revoked, expiring; and the
person a key belongs to. A sign-in at POST /api/auth/token/ makes a fresh one each time."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from engine.services.permissions import integration_token_refusal

KEY_PREFIX = "hc_"
MAX_DAYS = 3650
# last_used_at is written at most this often per token (one UPDATE, not one per request).
USE_RESOLUTION = timedelta(minutes=5)


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _days(raw) -> int | None:
    if raw in (None, ""):
        return None
    try:
        days = int(raw)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {
                "expires_in_days": [
                    _("Give a number of days from 1 to %(max)d, or none.") % {"max": MAX_DAYS}
                ]
            }
        )
    return days


@transaction.atomic
def token_create(
    *, user, name: str, expires_in_days=None, for_integration: bool = False
) -> tuple[ApiToken, str]:
    """Make a token for `user`; answer it and its key (shown this once, never stored).
    `for_integration`: it sends any message and signal (engine permissions say who may
    make one)."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": [_("Name the token (up to 100 characters).")]})
    days = _days(expires_in_days)
    if for_integration and (refusal := integration_token_refusal(user)) is not None:
        raise ValidationError({"for_integration": [refusal]})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=digest_of(key),
        prefix=key[:10],
        expires_at=timezone.now() + timedelta(days=days) if days else None,
        for_integration=bool(for_integration),
    )
    return token, key


def token_for_sign_in(*, user) -> str:
    """A fresh token for a sign-in with password, expiring after LOGIN_TOKEN_DAYS."""
    days = int(getattr(settings, "LOGIN_TOKEN_DAYS", 30))
    _token, key = token_create(user=user, name="API sign-in", expires_in_days=days)
    return key


@transaction.atomic
def token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke one of `user`'s own tokens; a token that is not hers is not found (404)."""
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
    if token is None:
        raise ApiToken.DoesNotExist(_("You have no such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def tokens_of(user):
    """The person's tokens that still work, newest first."""
    now = timezone.now()
    return [
        t
        for t in ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        if t.expires_at is None or t.expires_at > now
    ]


def is_integration(auth) -> bool:
    """Whether a request came with an API token marked for integration (`request.auth`)."""
    return isinstance(auth, ApiToken) and auth.for_integration


def token_in_use(key: str) -> ApiToken | None:
    """The live token with this key (its user read with it), its use noted; else None."""
    if not key.startswith(KEY_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(key)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
