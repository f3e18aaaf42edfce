"""GET /api/notifications/ (mine, newest first, with the unread count) and
POST /api/notifications/{id}/read/ (or all/read/)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from processes.notifications.selectors import latest_for, text_of, unread_count
from processes.notifications.services import mark_all_read, mark_read


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    link = serializers.CharField()
    created_at = serializers.DateTimeField()
    read = serializers.SerializerMethodField()

    def get_text(self, notification) -> str:
        return text_of(notification)

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


LIST = inline_serializer(
    "Notifications",
    {"unread": serializers.IntegerField(), "results": NotificationSerializer(many=True)},
)


@extend_schema(tags=["notifications"])
class NotificationListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: LIST}, summary="My notifications, newest first")
    def get(self, request):
        rows = latest_for(request.user)
        return Response(
            {
                "unread": unread_count(request.user),
                "results": NotificationSerializer(rows, many=True).data,
            }
        )


@extend_schema(tags=["notifications"])
class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: NotificationSerializer}, summary="Mark read")
    def post(self, request, pk):
        notification = mark_read(user=request.user, notification_id=pk)
        return Response(NotificationSerializer(notification).data)


@extend_schema(tags=["notifications"])
class NotificationReadAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: inline_serializer("MarkedRead", {"marked": serializers.IntegerField()})},
        summary="Mark all read",
    )
    def post(self, request):
        return Response({"marked": mark_all_read(user=request.user)})
