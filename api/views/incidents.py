"""List and retry incidents: failures the engine could not get past by itself."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
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
from engine.services.instances import incident_retry


@extend_schema(tags=["incidents"])
class IncidentListView(generics.ListAPIView):
    serializer_class = IncidentSerializer

    def get_queryset(self):
        filters = query_filters(self.request, IncidentFilterSerializer)
        queryset = selectors.incidents(
            status=filters.get("status"), instance_id=filters.get("instance")
        )
        return selectors.visible_incidents(self.request.user, queryset)

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
        queryset = selectors.visible_incidents(
            request.user, Incident.objects.select_related("instance")
        )
        incident = get_object_or_404(queryset, pk=pk)
        if not selectors.may_steer(request.user, incident.instance):
            raise PermissionDenied(_("Only managers and the user who started it may do this."))
        return Response(IncidentSerializer(incident_retry(incident_id=pk, user=request.user)).data)
