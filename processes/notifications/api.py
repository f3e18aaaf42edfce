"""GET /api/notifications/ (mine, newest first, with the unread count) and
POST /api/notifications/{id}/read/ (or all/read/)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import INVALID
from processes.notifications.models import Delivery
from processes.notifications.selectors import latest_for, preference_of, text_of, unread_count
from processes.notifications.services import mark_all_read, mark_read, preferences_set


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


class PreferenceSerializer(serializers.Serializer):
    delivery = serializers.ChoiceField(choices=Delivery.choices, required=False)
    digest_minutes = serializers.IntegerField(required=False)
    muted = serializers.ListField(child=serializers.CharField(), required=False)


@extend_schema(tags=["notifications"])
class PreferenceView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PreferenceSerializer}, summary="How I want to be told")
    def get(self, request):
        return Response(PreferenceSerializer(preference_of(request.user)).data)

    @extend_schema(
        request=PreferenceSerializer,
        responses={200: PreferenceSerializer, 400: INVALID},
        summary="Change how I want to be told (delivery: app, email or digest; muted kinds)",
    )
    def patch(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        preference = preferences_set(
            user=request.user,
            delivery=data.get("delivery"),
            digest_minutes=data.get("digest_minutes"),
            muted=data.get("muted"),
        )
        return Response(PreferenceSerializer(preference).data)
