"""API token authentication: DRF's token check, with the token's user read by one plain
statement.

Every API call pays for this lookup, and building an ORM query for it each time costs
several times more than running it (engine/db/reader.py reads the row as Django's
own queries would).
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from api.tokens import token_in_use
from engine.db.reader import ModelReader
from processes.audit.context import attribute_to


@cache
def _users() -> ModelReader:
    return ModelReader(get_user_model())


@cache
def _by_token() -> str:
    quote = connection.ops.quote_name
    return (
        f"WHERE {quote(get_user_model()._meta.pk.column)} = ("  # noqa: S608 - names from models
        f"SELECT {quote(Token.user.field.column)} FROM {quote(Token._meta.db_table)}"
        f" WHERE {quote(Token._meta.pk.column)} = %s)"
    )


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, answered as DRF's TokenAuthentication answers it; a
    person's named tokens (`hc_…`, api/tokens.py) are checked for revocation and expiry."""

    def authenticate_credentials(self, key):
        named = token_in_use(key)
        if named is not None:
            if not named.user.is_active:
                raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
            attribute_to(named.user)
            return named.user, named
        user = _users().one(_by_token(), [key])
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        # request.auth, as DRF gives it; its creation time is read only if asked for.
        token = Token.from_db(DEFAULT_DB_ALIAS, ["key", "user_id"], [key, user.pk])
        token.user = user
        attribute_to(user)  # the audit log names her on what this request changes
        return user, token
