"""Send a message to the processes: correlate, start, or buffer it for its time-to-live."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.idempotency import IDEMPOTENCY_KEY, idempotent
from api.serializers.errors import FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.messages import MessageResultSerializer, MessageSendSerializer
from api.tokens import is_integration
from engine.services.messages import message_send


@extend_schema(tags=["messages"])
class MessageSendView(APIView):
    @extend_schema(
        request=MessageSendSerializer,
        responses={200: MessageResultSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
        summary="Send a message",
        description=(
            "Delivered to every instance waiting for the message under the correlation key "
            "(a catch event's `correlationKey` property, else the instance's business key); "
            "if none waits, processes with a matching message start event are started; else "
            "the message is buffered for `ttl_seconds` (404 without a TTL). The same "
            "`message_id` is delivered once. Managers may send any message; others only one "
            "that starts a process they may start (403 otherwise); an API token marked for "
            "integration sends any message."
        ),
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def post(self, request):
        body = MessageSendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        integration = is_integration(request.auth)
        result = message_send(**body.validated_data, user=request.user, integration=integration)
        return Response(MessageResultSerializer(result).data)
