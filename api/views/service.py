"""Service endpoints: health (overall, live, ready), API tokens."""

from django.db import connection
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import INVALID
from api.tokens import token_for_sign_in
from workers.health import backup_age, broker_status, last_backup, sweep_age, worker_status

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


LiveSerializer = inline_serializer(
    "Live", {"status": serializers.CharField(help_text='Always "ok": the process answers.')}
)

ReadySerializer = inline_serializer(
    "Ready",
    {
        "status": serializers.CharField(help_text='"ok" when ready, else "error".'),
        "database": serializers.CharField(help_text='"ok" or the error text.'),
        "broker": serializers.CharField(
            help_text='"ok", "embedded" (no broker: the web process works) or the error text.'
        ),
        "worker": serializers.CharField(help_text='"ok", "embedded" or what is wrong.'),
        "last_sweep_age_s": serializers.FloatField(
            allow_null=True, help_text="Seconds since the last sweep; null when none is known."
        ),
        "last_backup": serializers.CharField(
            allow_null=True, help_text="File name of the newest backup; null when none."
        ),
        "last_backup_age_s": serializers.FloatField(
            allow_null=True, help_text="Seconds since the newest backup; null when none."
        ),
    },
)

WORKING = ("ok", "embedded")


@extend_schema(tags=["service"])
class LiveView(APIView):
    """Is the process alive? Asks nothing else, so a slow database never restarts it."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(auth=[], responses={200: LiveSerializer}, summary="Is the process alive?")
    def get(self, request):
        return Response({"status": "ok"})


@extend_schema(tags=["service"])
class ReadyView(APIView):
    """May this process take traffic? The database, the broker and the worker must answer;
    the ages of the last sweep and the last backup are told, for alerting."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        auth=[],
        responses={200: ReadySerializer, 503: OpenApiResponse(ReadySerializer)},
        summary="Is the service ready for traffic?",
    )
    def get(self, request):
        database = database_status()
        broker = broker_status()
        worker = worker_status()
        ready = database == "ok" and broker in WORKING and worker in WORKING
        newest = last_backup()
        body = {
            "status": "ok" if ready else "error",
            "database": database,
            "broker": broker,
            "worker": worker,
            "last_sweep_age_s": _rounded(sweep_age()),
            "last_backup": newest.name if newest else None,
            "last_backup_age_s": _rounded(backup_age()),
        }
        code = status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response(body, status=code)


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


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
            429: OpenApiResponse(description="Too many failed sign-ins: locked out a while"),
        },
        summary="Get an API token",
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # A fresh token for each sign-in, expiring (LOGIN_TOKEN_DAYS), listed on the profile.
        return Response({"token": token_for_sign_in(user=serializer.validated_data["user"])})

    def get_serializer_context(self):
        # Django's request, not DRF's wrapper: the login throttling (django-axes) marks a
        # locked-out sign-in on it, and its middleware then answers 429.
        return {**super().get_serializer_context(), "request": self.request._request}
