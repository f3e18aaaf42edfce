"""The inbox: list, read, claim, unclaim and complete user tasks."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.tasks import (
    TaskCompleteSerializer,
    TaskCompletionSerializer,
    TaskDetailSerializer,
    TaskFilterSerializer,
    TaskHandOverSerializer,
    TaskResolveSerializer,
    TaskSerializer,
)
from api.views.filters import query_filters
from engine.models import HumanTask
from engine.selectors import can_see_task, tasks_for_user
from engine.services.delegation import task_hand_over
from engine.services.tasks import task_claim, task_complete, task_unclaim
from engine.task_filters import task_query


@extend_schema(tags=["tasks"])
class TaskListView(generics.ListAPIView):
    serializer_class = TaskSerializer

    def get_queryset(self):
        filters = query_filters(self.request, TaskFilterSerializer)
        return task_query(self.request.user, **filters)

    @extend_schema(parameters=[TaskFilterSerializer], summary="My inbox")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["tasks"])
class TaskDetailView(generics.RetrieveAPIView):
    serializer_class = TaskDetailSerializer

    def get_queryset(self):
        return tasks_for_user(self.request.user)

    @extend_schema(responses={200: TaskDetailSerializer, 404: NOT_FOUND}, summary="A task")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# Actions do not check visibility first: the service answers 403 to a non-candidate.
@extend_schema(tags=["tasks"])
class TaskClaimView(APIView):
    @extend_schema(
        request=None,
        responses={200: TaskDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        summary="Claim a task",
    )
    def post(self, request, pk):
        return Response(TaskDetailSerializer(task_claim(task_id=pk, user=request.user)).data)


@extend_schema(tags=["tasks"])
class TaskUnclaimView(APIView):
    @extend_schema(
        request=None,
        responses={200: TaskDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        summary="Give a claimed task back to its candidates",
    )
    def post(self, request, pk):
        # task_unclaim answers an unassigned task as a no-op to anyone; without this check
        # a stranger would read the task's data through it.
        task = get_object_or_404(HumanTask, pk=pk)
        if not can_see_task(request.user, task):
            raise PermissionDenied(_("Only the assignee can give the task back."))
        return Response(TaskDetailSerializer(task_unclaim(task_id=pk, user=request.user)).data)


@extend_schema(tags=["tasks"])
class TaskCompleteView(APIView):
    @extend_schema(
        request=TaskCompleteSerializer,
        responses={
            200: TaskCompletionSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        summary="Complete a task with its form data",
    )
    def post(self, request, pk):
        serializer = TaskCompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task, instance = task_complete(
            task_id=pk, user=request.user, data=serializer.validated_data["data"]
        )
        if instance.started_by_id == request.user.pk:
            # The answer names who started the instance: often the one completing its task.
            instance.started_by = request.user
        body = TaskCompletionSerializer({"task": task, "instance": instance}).data
        return Response(body)


_HAND_OVER_ANSWERS = {
    200: TaskDetailSerializer,
    400: INVALID,
    403: FORBIDDEN,
    404: NOT_FOUND,
    409: CONFLICT,
}


class _HandOverView(APIView):
    """assign, delegate, resolve: one service (engine/services/delegation.task_hand_over)."""

    action = ""
    body = TaskHandOverSerializer

    def hand_over(self, request, pk):
        body = self.body(data=request.data)
        body.is_valid(raise_exception=True)
        task = task_hand_over(
            action=self.action,
            task_id=pk,
            user=request.user,
            to=body.validated_data.get("user", ""),
            reason=body.validated_data["reason"],
        )
        return Response(TaskDetailSerializer(task).data)


@extend_schema(tags=["tasks"])
class TaskAssignView(_HandOverView):
    action = "assign"

    @extend_schema(
        request=TaskHandOverSerializer,
        responses=_HAND_OVER_ANSWERS,
        summary="Reassign a task to another candidate (a manager or a lead of its group)",
    )
    def post(self, request, pk):
        return self.hand_over(request, pk)


@extend_schema(tags=["tasks"])
class TaskDelegateView(_HandOverView):
    action = "delegate"

    @extend_schema(
        request=TaskHandOverSerializer,
        responses=_HAND_OVER_ANSWERS,
        summary="Delegate my task to a colleague until they resolve it",
    )
    def post(self, request, pk):
        return self.hand_over(request, pk)


@extend_schema(tags=["tasks"])
class TaskResolveView(_HandOverView):
    action = "resolve"
    body = TaskResolveSerializer

    @extend_schema(
        request=TaskResolveSerializer,
        responses=_HAND_OVER_ANSWERS,
        summary="Hand a delegated task back to its owner",
    )
    def post(self, request, pk):
        return self.hand_over(request, pk)
