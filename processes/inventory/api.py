"""The inventory API: /api/warehouses/ (with stock receive / issue / adjust actions),
/api/stock-moves/ and /api/reservations/ (read-only). Rights: processes.access.
"""

from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from processes.catalog.models import Product
from processes.common.filters import boolean, choice, integer, text
from processes.common.viewsets import BusinessReadViewSet, BusinessViewSet
from processes.inventory import selectors, services
from processes.inventory.models import Reservation, StockMove, Warehouse

QUANTITY = {"max_digits": 14, "decimal_places": 3}


class WarehouseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Warehouse
        fields = ["id", "code", "name", "address", "is_active"]

    def validate(self, attrs):
        if (
            self.instance is not None
            and attrs.get("code", self.instance.code) != self.instance.code
        ):
            raise serializers.ValidationError(
                {"code": [_("The code of a warehouse cannot change.")]}
            )
        return attrs


class StockChangeSerializer(serializers.Serializer):
    """Input of receive / issue / adjust; adjust takes a signed quantity."""

    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    quantity = serializers.DecimalField(**QUANTITY)
    reference = serializers.CharField(max_length=200, allow_blank=True, default="")
    kind = serializers.CharField(required=False)


class StockMoveSerializer(serializers.ModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)
    warehouse_code = serializers.CharField(source="warehouse.code", read_only=True)

    class Meta:
        model = StockMove
        fields = [
            "id",
            "product",
            "sku",
            "warehouse",
            "warehouse_code",
            "quantity",
            "kind",
            "reference",
            "reservation",
            "at",
            "user",
        ]


class ReservationSerializer(serializers.ModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)
    warehouse_code = serializers.CharField(source="warehouse.code", read_only=True)

    class Meta:
        model = Reservation
        fields = [
            "id",
            "product",
            "sku",
            "warehouse",
            "warehouse_code",
            "quantity",
            "reference",
            "status",
            "created_at",
            "closed_at",
        ]


class WarehouseViewSet(BusinessViewSet):
    serializer_class = WarehouseSerializer
    record_kind = "stock"
    filter_params = {"active": ("is_active", boolean)}
    search_fields = ["code", "name"]

    def get_queryset(self):
        return selectors.warehouse_list()

    def create_record(self, data, user):
        return services.warehouse_create(**data)

    def update_record(self, instance, data, user):
        data.pop("code", None)
        return services.warehouse_update(warehouse=instance, data=data)

    def _stock_change(self, request, service, *, takes_kind: bool = True):
        warehouse = self.get_object()
        serializer = StockChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if not takes_kind:
            data.pop("kind", None)
        move = service(warehouse=warehouse, user=request.user, **data)
        return Response(StockMoveSerializer(move).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], serializer_class=StockChangeSerializer)
    def receive(self, request, pk=None):
        """Goods in: {"product", "quantity", "reference", "kind"?: receipt | production_in}."""
        return self._stock_change(request, services.stock_receive)

    @action(detail=True, methods=["post"], serializer_class=StockChangeSerializer)
    def issue(self, request, pk=None):
        """Goods out of available stock: {"product", "quantity", "reference", "kind"?};
        409 when not enough is available."""
        return self._stock_change(request, services.stock_issue)

    @action(detail=True, methods=["post"], serializer_class=StockChangeSerializer)
    def adjust(self, request, pk=None):
        """A signed correction of on-hand stock: {"product", "quantity", "reference"}."""
        return self._stock_change(request, services.stock_adjust, takes_kind=False)


class StockMoveViewSet(BusinessReadViewSet):
    """The stock ledger, newest first; it is only ever appended to."""

    serializer_class = StockMoveSerializer
    record_kind = "stock"
    filter_params = {
        "product": ("product_id", integer),
        "warehouse": ("warehouse_id", integer),
        "kind": ("kind", choice(StockMove.Kind)),
        "reference": ("reference", text),
        "reservation": ("reservation_id", integer),
    }
    ordering_fields = ["at"]

    def get_queryset(self):
        return selectors.stock_move_list()


class ReservationViewSet(BusinessReadViewSet):
    serializer_class = ReservationSerializer
    record_kind = "stock"
    filter_params = {
        "product": ("product_id", integer),
        "warehouse": ("warehouse_id", integer),
        "status": ("status", choice(Reservation.Status)),
        "reference": ("reference", text),
    }
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.reservation_list()
