"""List and retry incidents: failures the engine could not get past by itself."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, NOT_FOUND
from api.serializers.instances import IncidentFilterSerializer, IncidentSerializer
from api.views.filters import query_filters
from engine import selectors
from engine.models import Incident
from engine.selectors import may_steer, visible_incidents
from engine.services.instances import incident_retry


@extend_schema(tags=["incidents"])
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


@extend_schema(tags=["incidents"])
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
