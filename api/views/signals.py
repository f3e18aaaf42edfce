"""Broadcast a signal: every instance waiting for it catches it, processes it starts start."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import FORBIDDEN, INVALID
from api.tokens import is_integration
from engine.services.signal_events import signal_send


class SignalSendSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    variables = serializers.DictField(required=False, default=dict)


@extend_schema(tags=["messages"])
class SignalSendView(APIView):
    @extend_schema(
        request=SignalSendSerializer,
        responses={
            200: inline_serializer(
                "SignalResult",
                {
                    "reached": serializers.ListField(child=serializers.IntegerField()),
                    "started": serializers.ListField(child=serializers.IntegerField()),
                },
            ),
            400: INVALID,
            403: FORBIDDEN,
        },
        summary="Send a signal",
        description=(
            "A broadcast: every instance waiting for the signal catches it (with the "
            "variables), and every process whose start event catches it starts. Nobody "
            "waiting is no error. Managers only, and API tokens marked for integration."
        ),
    )
    def post(self, request):
        body = SignalSendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        integration = is_integration(request.auth)
        result = signal_send(**body.validated_data, user=request.user, integration=integration)
        return Response({"reached": result.reached, "started": result.started})
