"""Service endpoints: health, API tokens."""

from django.db import connection
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import INVALID
from workers.health import worker_status

HealthSerializer = inline_serializer(
    "Health",
    {
        "status": serializers.ChoiceField(choices=["ok", "error"]),
        "database": serializers.CharField(help_text='"ok" or the error text.'),
        "worker": serializers.CharField(),
    },
)


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is what the health check reports
        return str(exc) or exc.__class__.__name__
    return "ok"


@extend_schema(tags=["service"])
class HealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        auth=[],
        responses={200: HealthSerializer, 503: OpenApiResponse(HealthSerializer)},
        summary="Is the service up?",
    )
    def get(self, request):
        database = database_status()
        healthy = database == "ok"
        body = {
            "status": "ok" if healthy else "error",
            "database": database,
            "worker": worker_status(),
        }
        code = status.HTTP_200_OK if healthy else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response(body, status=code)


@extend_schema(tags=["service"])
class TokenView(ObtainAuthToken):
    """Trade a username and password for the API token (JSON or form body)."""

    # A stale Authorization header must not stand in the way of getting a new token.
    authentication_classes: list = []

    @extend_schema(
        auth=[],
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: INVALID,
        },
        summary="Get an API token",
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
