"""The shipment API: /api/shipments/ (created for an order, moved on by pick / pack / ship /
confirm-delivery). Rights: processes.access.
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from processes.access import documents_for
from processes.common.filters import choice, integer, text
from processes.common.viewsets import BusinessViewSet
from processes.ownership.api import ProcessStepsMixin
from processes.ownership.guard import require_outside_process
from processes.sales.models import SalesOrder
from processes.shipment import documents, selectors, services
from processes.shipment.models import Package, Shipment, ShipmentLine


class ShipmentLineSerializer(serializers.ModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)
    warehouse_code = serializers.CharField(source="warehouse.code", read_only=True)

    class Meta:
        model = ShipmentLine
        fields = ["id", "order_line", "product", "sku", "warehouse", "warehouse_code"]
        fields += ["quantity", "reservation"]


class PackageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Package
        fields = ["id", "weight_kg", "dimensions"]


class ShipmentSerializer(serializers.ModelSerializer):
    order = serializers.PrimaryKeyRelatedField(queryset=SalesOrder.objects.all())
    order_number = serializers.CharField(source="order.number", read_only=True)
    weight_kg = serializers.DecimalField(max_digits=12, decimal_places=3, read_only=True)
    lines = ShipmentLineSerializer(many=True, read_only=True)
    packages = PackageSerializer(many=True, read_only=True)

    class Meta:
        model = Shipment
        fields = ["id", "number", "order", "order_number", "status", "carrier"]
        fields += ["tracking_number", "notes", "weight_kg", "created_at", "picked_at"]
        fields += ["packed_at", "shipped_at", "delivered_at", "lines", "packages"]
        read_only_fields = ["status", "carrier", "tracking_number", "created_at", "picked_at"]
        read_only_fields += ["packed_at", "shipped_at", "delivered_at"]


class PackSerializer(serializers.Serializer):
    packages = PackageSerializer(many=True, allow_empty=False)


class ShipSerializer(serializers.Serializer):
    carrier = serializers.CharField(max_length=100)
    tracking_number = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ShipmentViewSet(ProcessStepsMixin, BusinessViewSet):
    """POST {"order", "notes"?} makes a shipment of the order's reserved, unshipped stock."""

    serializer_class = ShipmentSerializer
    record_kind = "shipments"
    http_method_names = ["get", "post", "head", "options"]
    process_steps = {
        "pick": _("picking"),
        "pack": _("packing"),
        "ship": _("handing over to the carrier"),
        "confirm_delivery": _("confirming the delivery"),
    }
    filter_params = {
        "order": ("order_id", integer),
        "status": ("status", choice(Shipment.Status)),
        "carrier": ("carrier", text),
        "tracking_number": ("tracking_number", text),
    }
    search_fields = ["number", "order__number", "tracking_number"]
    ordering_fields = ["created_at", "shipped_at"]

    def get_queryset(self):
        return documents_for(self.request.user, selectors.shipment_list())

    def create_record(self, data, user):
        # An order its sales process moves gets its shipment from that process.
        require_outside_process(data["order"], step=_("shipping the order"))
        return services.shipment_create_for_order(**data, user=user)

    def _answer(self, shipment) -> Response:
        return Response(self.get_serializer(self.reread(shipment)).data)

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def pick(self, request, pk=None):
        """To pick → picked."""
        return self._answer(services.shipment_pick(shipment=self.get_object(), user=request.user))

    @extend_schema(request=PackSerializer)
    @action(detail=True, methods=["post"])
    def pack(self, request, pk=None):
        """Picked → packed: {"packages": [{"weight_kg", "dimensions"?}]}."""
        packages = [dict(p) for p in self._input(PackSerializer)["packages"]]
        shipment = services.shipment_pack(
            shipment=self.get_object(), packages=packages, user=request.user
        )
        return self._answer(shipment)

    @extend_schema(request=ShipSerializer)
    @action(detail=True, methods=["post"])
    def ship(self, request, pk=None):
        """Packed → shipped: {"carrier", "tracking_number"?}; the stock leaves."""
        data = self._input(ShipSerializer)
        shipment = services.shipment_ship(shipment=self.get_object(), user=request.user, **data)
        return self._answer(shipment)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="confirm-delivery")
    def confirm_delivery(self, request, pk=None):
        """Shipped → delivered."""
        shipment = services.shipment_confirm_delivery(shipment=self.get_object(), user=request.user)
        return self._answer(shipment)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF")
        }
    )
    @action(detail=True, methods=["get"], url_path="delivery-note")
    def delivery_note(self, request, pk=None):
        """The delivery note as a PDF: the customer's delivery address (else billing), the
        lines and quantities without prices, the packages; in the reader's language."""
        shipment = self.get_object()
        return HttpResponse(
            documents.delivery_note_pdf(shipment),
            content_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{shipment.number}.pdf"'},
        )
