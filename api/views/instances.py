"""Start, list, read and steer process instances."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.idempotency import IDEMPOTENCY_KEY, idempotent
from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.instances import (
    InstanceEventSerializer,
    InstanceFilterSerializer,
    InstanceSerializer,
    InstanceStartSerializer,
)
from api.serializers.tasks import TaskSerializer
from api.views.filters import query_filters
from engine import selectors
from engine.models import ProcessInstance
from engine.services.case_start import case_start_for
from engine.services.instances import (
    instance_cancel,
    instance_resume,
    instance_start,
    instance_suspend,
)
from engine.services.variables import instance_variables_update


def visible_instance(request, pk: int) -> ProcessInstance:
    queryset = selectors.visible_instances(request.user, ProcessInstance.objects.all())
    return get_object_or_404(queryset, pk=pk)


def instance_answer(instance: ProcessInstance, code=status.HTTP_200_OK) -> Response:
    fresh = selectors.with_open_work(ProcessInstance.objects.filter(pk=instance.pk)).get()
    return Response(InstanceSerializer(fresh).data, status=code)


@extend_schema(tags=["instances"])
class InstanceListView(generics.ListAPIView):
    serializer_class = InstanceSerializer

    def get_queryset(self):
        queryset = selectors.instances(**query_filters(self.request, InstanceFilterSerializer))
        return selectors.with_open_work(selectors.visible_instances(self.request.user, queryset))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_variable_pieces(page)

    @extend_schema(parameters=[InstanceFilterSerializer], summary="Instances I may see")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=InstanceStartSerializer,
        responses={201: InstanceSerializer, 400: INVALID},
        summary="Start an instance",
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def post(self, request):
        serializer = InstanceStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        instance = instance_start(
            definition_key=data["definition"],
            version=data.get("version"),
            variables=data["variables"],
            business_key=data["business_key"],
            user=request.user,
        )
        return instance_answer(instance, status.HTTP_201_CREATED)


class CaseStartSerializer(serializers.Serializer):
    variables = serializers.DictField(required=False, default=dict)
    business_key = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


@extend_schema(tags=["instances"])
class CaseStartView(APIView):
    @extend_schema(
        request=CaseStartSerializer,
        responses={
            201: inline_serializer(
                "CaseStarted",
                {"instance": InstanceSerializer(), "task": TaskSerializer(allow_null=True)},
            ),
            400: INVALID,
            403: FORBIDDEN,
        },
        summary="Start a case of a process I may start; its first task is mine",
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def post(self, request, key):
        serializer = CaseStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance, task = case_start_for(
            user=request.user,
            definition_key=key,
            variables=serializer.validated_data["variables"],
            business_key=serializer.validated_data["business_key"],
        )
        fresh = selectors.with_open_work(ProcessInstance.objects.filter(pk=instance.pk)).get()
        answer = {
            "instance": InstanceSerializer(fresh).data,
            "task": TaskSerializer(task).data if task is not None else None,
        }
        return Response(answer, status=status.HTTP_201_CREATED)


@extend_schema(tags=["instances"])
class InstanceDetailView(generics.RetrieveAPIView):
    serializer_class = InstanceSerializer

    def get_queryset(self):
        return selectors.with_open_work(
            selectors.visible_instances(self.request.user, ProcessInstance.objects.all())
        )

    @extend_schema(responses={200: InstanceSerializer, 404: NOT_FOUND}, summary="An instance")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["instances"])
class InstanceHistoryView(APIView):
    @extend_schema(
        responses={200: InstanceEventSerializer(many=True), 404: NOT_FOUND},
        summary="The instance's history, oldest first",
    )
    def get(self, request, pk):
        instance = visible_instance(request, pk)
        events = selectors.instance_history(instance.pk)
        return Response(InstanceEventSerializer(events, many=True).data)


@extend_schema(tags=["instances"])
class InstanceActionView(APIView):
    """POST with no body; the service checks that the instance's status allows it."""

    @staticmethod
    def act(*, instance_id: int, user) -> ProcessInstance:
        raise NotImplementedError

    def post(self, request, pk):
        instance = visible_instance(request, pk)
        if not selectors.may_steer(request.user, instance):
            raise PermissionDenied(_("Only managers and the user who started it may do this."))
        return instance_answer(self.act(instance_id=instance.pk, user=request.user))


STEER_RESPONSES = {200: InstanceSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT}


class InstanceCancelView(InstanceActionView):
    act = staticmethod(instance_cancel)

    @extend_schema(request=None, responses=STEER_RESPONSES, summary="Cancel an instance")
    def post(self, request, pk):
        return super().post(request, pk)


class InstanceSuspendView(InstanceActionView):
    act = staticmethod(instance_suspend)

    @extend_schema(request=None, responses=STEER_RESPONSES, summary="Suspend an instance")
    def post(self, request, pk):
        return super().post(request, pk)


class InstanceResumeView(InstanceActionView):
    act = staticmethod(instance_resume)

    @extend_schema(request=None, responses=STEER_RESPONSES, summary="Resume an instance")
    def post(self, request, pk):
        return super().post(request, pk)


@extend_schema(tags=["instances"])
class InstanceVariablesView(APIView):
    """Change a running instance's variables (managers and process owners); null removes one.
    The history keeps the old and new values."""

    @extend_schema(
        request=inline_serializer(
            "InstanceVariablesChange", {"variables": serializers.DictField()}
        ),
        responses={
            200: InstanceSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        summary="Change a running instance's variables",
    )
    def patch(self, request, pk):
        instance = visible_instance(request, pk)
        changes = request.data.get("variables") if isinstance(request.data, dict) else None
        updated = instance_variables_update(
            instance_id=instance.pk, user=request.user, changes=changes
        )
        return instance_answer(updated)
