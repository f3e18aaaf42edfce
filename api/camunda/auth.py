"""How Camunda clients sign in: HTTP Basic with a user's credentials, or the API token
(`POST /api/auth/token/`) as `Authorization: Bearer <token>`."""

from rest_framework import authentication

from api.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """The API token, sent the OAuth way Camunda's clients send a bearer token."""

    keyword = "Bearer"


class BasicAuthentication(authentication.BasicAuthentication):
    """A user's name and password; a 401 asks for them (the first class answers it)."""

    www_authenticate_realm = "HyperCRM engine-rest"


AUTHENTICATION = [BasicAuthentication, BearerTokenAuthentication, TokenAuthentication]
