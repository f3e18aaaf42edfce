"""The production API: /api/boms/ and /api/manufacturing-orders/ (created by planning,
moved on by their actions). Rights: processes.access.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from processes.common.filters import boolean, choice, integer, text
from processes.common.viewsets import BusinessViewSet
from processes.ownership.api import ProcessStepsMixin
from processes.production import selectors, services
from processes.production.models import ManufacturingOrder
from processes.production.serializers import (
    BomSerializer,
    ComponentReservationSerializer,
    ManufacturingOrderSerializer,
    OutputSerializer,
    QualitySerializer,
)


def _input(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class BomViewSet(BusinessViewSet):
    """A new BOM replaces the product's active one; BOMs are not edited in place."""

    serializer_class = BomSerializer
    record_kind = "boms"
    http_method_names = ["get", "post", "head", "options"]
    filter_params = {"product": ("product_id", integer), "active": ("is_active", boolean)}
    search_fields = ["product__sku", "product__name", "name"]

    def get_queryset(self):
        return selectors.bom_list()

    def create_record(self, data, user):
        return services.bom_create(**data)


class ManufacturingOrderViewSet(ProcessStepsMixin, BusinessViewSet):
    """POST plans an order from the BOM: {"product", "quantity", "reference"?, "warehouse"?}."""

    serializer_class = ManufacturingOrderSerializer
    record_kind = "production"
    http_method_names = ["get", "post", "head", "options"]
    process_steps = {
        "reserve_components": _("reserving the components"),
        "start": _("starting production"),
        "record_output": _("recording the output"),
        "quality_check": _("recording the quality check"),
        "finish": _("finishing the order"),
        "cancel": _("cancelling the order"),
    }
    filter_params = {
        "product": ("product_id", integer),
        "status": ("status", choice(ManufacturingOrder.Status)),
        "reference": ("reference", text),
        "parent": ("parent_id", integer),
    }
    search_fields = ["number", "product__sku", "reference"]
    ordering_fields = ["created_at", "finished_at"]

    def get_queryset(self):
        return selectors.mo_list()

    def create_record(self, data, user):
        return services.manufacturing_order_plan(**data, user=user)

    def _answer(self, mo) -> Response:
        return Response(self.get_serializer(self.reread(mo)).data)

    @extend_schema(request=None, responses=ComponentReservationSerializer)
    @action(detail=True, methods=["post"], url_path="reserve-components")
    def reserve_components(self, request, pk=None):
        """Reserve what the components lack: {"all_reserved", "short": [...], "order"}."""
        result = services.mo_reserve_components(mo=self.get_object(), user=request.user)
        short = [
            {
                "product_id": s.component.product_id,
                "sku": s.component.product.sku,
                "kind": s.component.product.kind,
                "quantity": s.quantity,
            }
            for s in result.short
        ]
        order = self.reread(result.mo)
        body = {"all_reserved": result.all_reserved, "short": short, "order": order}
        return Response(ComponentReservationSerializer(body).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Components reserved → in progress."""
        return self._answer(services.mo_start(mo=self.get_object(), user=request.user))

    @extend_schema(request=OutputSerializer)
    @action(detail=True, methods=["post"], url_path="record-output")
    def record_output(self, request, pk=None):
        """In progress → quality check: {"produced", "scrap"?}."""
        data = _input(OutputSerializer, request)
        mo = services.mo_record_output(mo=self.get_object(), user=request.user, **data)
        return self._answer(mo)

    @extend_schema(request=QualitySerializer)
    @action(detail=True, methods=["post"], url_path="quality-check")
    def quality_check(self, request, pk=None):
        """{"passed"}: passed may be finished; failed goes back to in progress."""
        passed = _input(QualitySerializer, request)["passed"]
        mo = services.mo_quality_check(mo=self.get_object(), passed=passed, user=request.user)
        return self._answer(mo)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        """Passed quality check → done: components consumed, finished goods into stock."""
        return self._answer(services.mo_finish(mo=self.get_object(), user=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel before quality check; reserved components are released."""
        return self._answer(services.mo_cancel(mo=self.get_object(), user=request.user))
