"""Start, list, read and steer process instances; list and retry incidents."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.access import may_steer, visible_incidents, visible_instances, with_open_work
from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.instances import (
    IncidentFilterSerializer,
    IncidentSerializer,
    InstanceEventSerializer,
    InstanceFilterSerializer,
    InstanceSerializer,
    InstanceStartSerializer,
)
from engine import selectors
from engine.models import Incident, ProcessInstance
from engine.services.instances import (
    incident_retry,
    instance_cancel,
    instance_resume,
    instance_start,
    instance_suspend,
)


def query_filters(request, serializer_class) -> dict:
    """The validated query parameters (400 on a bad value), without the empty ones."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {name: value for name, value in serializer.validated_data.items() if value}


def visible_instance(request, pk: int) -> ProcessInstance:
    queryset = visible_instances(request.user, ProcessInstance.objects.all())
    return get_object_or_404(queryset, pk=pk)


def instance_answer(instance: ProcessInstance, code=status.HTTP_200_OK) -> Response:
    fresh = with_open_work(ProcessInstance.objects.filter(pk=instance.pk)).get()
    return Response(InstanceSerializer(fresh).data, status=code)


class InstanceListView(generics.ListAPIView):
    serializer_class = InstanceSerializer

    def get_queryset(self):
        queryset = selectors.instances(**query_filters(self.request, InstanceFilterSerializer))
        return with_open_work(visible_instances(self.request.user, queryset))

    @extend_schema(parameters=[InstanceFilterSerializer], summary="Instances I may see")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=InstanceStartSerializer,
        responses={201: InstanceSerializer, 400: INVALID},
        summary="Start an instance",
    )
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


class InstanceDetailView(generics.RetrieveAPIView):
    serializer_class = InstanceSerializer

    def get_queryset(self):
        return with_open_work(visible_instances(self.request.user, ProcessInstance.objects.all()))

    @extend_schema(responses={200: InstanceSerializer, 404: NOT_FOUND}, summary="An instance")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class InstanceHistoryView(APIView):
    @extend_schema(
        responses={200: InstanceEventSerializer(many=True), 404: NOT_FOUND},
        summary="The instance's history, oldest first",
    )
    def get(self, request, pk):
        instance = visible_instance(request, pk)
        events = selectors.instance_history(instance.pk)
        return Response(InstanceEventSerializer(events, many=True).data)


class InstanceActionView(APIView):
    """POST with no body; the service checks that the instance's status allows it."""

    @staticmethod
    def act(*, instance_id: int, user) -> ProcessInstance:
        raise NotImplementedError

    def post(self, request, pk):
        instance = visible_instance(request, pk)
        if not may_steer(request.user, instance):
            raise PermissionDenied("Only managers and the user who started it may do this.")
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


class IncidentListView(generics.ListAPIView):
    serializer_class = IncidentSerializer

    def get_queryset(self):
        filters = query_filters(self.request, IncidentFilterSerializer)
        if filters.get("status") == Incident.Status.OPEN:
            queryset = selectors.open_incidents(filters.get("instance"))
        else:
            queryset = Incident.objects.order_by("id")
            if "status" in filters:
                queryset = queryset.filter(status=filters["status"])
            if "instance" in filters:
                queryset = queryset.filter(instance_id=filters["instance"])
        return visible_incidents(self.request.user, queryset)

    @extend_schema(parameters=[IncidentFilterSerializer], summary="Incidents I may see")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class IncidentRetryView(APIView):
    @extend_schema(
        request=None,
        responses={200: IncidentSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        summary="Run the failed step again",
    )
    def post(self, request, pk):
        queryset = visible_incidents(request.user, Incident.objects.select_related("instance"))
        incident = get_object_or_404(queryset, pk=pk)
        if not may_steer(request.user, incident.instance):
            raise PermissionDenied("Only managers and the user who started it may do this.")
        return Response(IncidentSerializer(incident_retry(incident_id=pk, user=request.user)).data)
