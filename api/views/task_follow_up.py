"""POST /api/tasks/{id}/follow-up/ {"follow_up_at": "…" | null}: when to look at it again."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.tasks import TaskDetailSerializer
from engine.services.follow_up import task_follow_up


class TaskFollowUpSerializer(serializers.Serializer):
    follow_up_at = serializers.DateTimeField(
        allow_null=True, help_text="When to follow the task up (ISO 8601); null clears it."
    )


@extend_schema(tags=["tasks"])
class TaskFollowUpView(APIView):
    @extend_schema(
        request=TaskFollowUpSerializer,
        responses={
            200: TaskDetailSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        summary="Set or clear the task's follow-up date",
    )
    def post(self, request, pk):
        body = TaskFollowUpSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        task = task_follow_up(
            task_id=pk, user=request.user, follow_up_at=body.validated_data["follow_up_at"]
        )
        return Response(TaskDetailSerializer(task).data)
