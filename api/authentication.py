"""API token authentication: DRF's token check, with the token's user read by one plain
statement.

Every API call pays for this lookup, and building the ORM's join for it each time costs
several times more than running it.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token


@cache
def _user_by_token() -> str:
    user_model = get_user_model()
    quote = connection.ops.quote_name
    return (
        f"SELECT u.* FROM {quote(user_model._meta.db_table)} u"  # noqa: S608 - names from models
        f" INNER JOIN {quote(Token._meta.db_table)} t"
        f" ON t.{quote(Token.user.field.column)} = u.{quote(user_model._meta.pk.column)}"
        f" WHERE t.{quote(Token._meta.pk.column)} = %s"
    )


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, answered as DRF's TokenAuthentication answers it."""

    def authenticate_credentials(self, key):
        users = list(get_user_model().objects.raw(_user_by_token(), [key]))
        if not users:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = users[0]
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        # request.auth, as DRF gives it; its creation time is read only if asked for.
        token = Token.from_db(DEFAULT_DB_ALIAS, ["key", "user_id"], [key, user.pk])
        token.user = user
        return user, token
