"""/api/filters/?view=inbox (mine and my groups', with counts), POST, DELETE /{id}/."""

from datetime import date

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.instances import InstanceFilterSerializer
from api.serializers.tasks import TaskFilterSerializer
from engine.exceptions import InvalidData
from processes.collab.saved_filters import (
    filter_count,
    filter_delete,
    filter_save,
    visible_filters,
)

QUERIES = {"inbox": TaskFilterSerializer, "monitor": InstanceFilterSerializer}


class SavedFilterSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(allow_blank=True)
    view = serializers.CharField(help_text="inbox or monitor")
    query = serializers.DictField(
        required=False, default=dict, help_text="What /api/tasks/ or /api/instances/ takes."
    )
    group = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Share with this group of mine."
    )
    owner = serializers.CharField(source="owner.username", read_only=True)
    count = serializers.SerializerMethodField()

    def get_count(self, saved) -> int:
        return filter_count(self.context["request"].user, saved)


def checked_query(view: str, query: dict) -> dict:
    serializer_class = QUERIES.get(view)
    if serializer_class is None:
        return {}  # the service names the bad view
    checked = serializer_class(data=query)
    if not checked.is_valid():
        raise InvalidData(
            _("The filter's query is not valid."),
            {
                f"query.{field}": [str(m) for m in messages]
                for field, messages in checked.errors.items()
            },
        )
    known = set(serializer_class().fields)
    unknown = sorted(set(query) - known)
    if unknown:
        raise InvalidData(
            _("The filter's query is not valid."),
            {
                "query": [
                    _("Unknown: %(unknown)s (known: %(known)s).")
                    % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known))}
                ]
            },
        )
    # Stored as JSON: a day as its ISO date.
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in checked.validated_data.items()
        if value
    }


VIEW = OpenApiParameter("view", str, required=False, description="inbox or monitor")


@extend_schema(tags=["filters"])
class SavedFilterListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[VIEW],
        responses={200: SavedFilterSerializer(many=True)},
        summary="My saved filters and my groups', each with its count",
    )
    def get(self, request):
        found = visible_filters(request.user, request.query_params.get("view") or None)
        context = {"request": request}
        return Response(SavedFilterSerializer(found, many=True, context=context).data)

    @extend_schema(
        request=SavedFilterSerializer,
        responses={201: SavedFilterSerializer, 400: INVALID, 409: CONFLICT},
        summary="Save a filter (shared with a group of mine if named)",
    )
    def post(self, request):
        body = SavedFilterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        saved = filter_save(
            user=request.user,
            name=data["name"],
            view=data["view"],
            query=checked_query(data["view"], data.get("query") or {}),
            group=data.get("group", ""),
        )
        answer = SavedFilterSerializer(saved, context={"request": request}).data
        return Response(answer, status=status.HTTP_201_CREATED)


@extend_schema(tags=["filters"])
class SavedFilterDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
        summary="Delete my saved filter",
    )
    def delete(self, request, pk):
        filter_delete(user=request.user, filter_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
