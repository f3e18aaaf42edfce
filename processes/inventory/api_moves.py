"""POST /api/stock-transfers/ and POST /api/stock-counts/: stock moved between warehouses,
and a counted quantity that becomes an adjustment with its reason. Rights: `stock` (write).
Both append to the ledger only; stock never goes below zero (409 and nothing changes)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from processes.access.api import KindPermission
from processes.catalog.models import Product
from processes.inventory import services
from processes.inventory.api import QUANTITY, StockMoveSerializer
from processes.inventory.models import Warehouse


class StockTransferSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    source = serializers.PrimaryKeyRelatedField(queryset=Warehouse.objects.all())
    destination = serializers.PrimaryKeyRelatedField(queryset=Warehouse.objects.all())
    quantity = serializers.DecimalField(**QUANTITY)
    reference = serializers.CharField(max_length=200, allow_blank=True, default="")


class StockCountSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    warehouse = serializers.PrimaryKeyRelatedField(queryset=Warehouse.objects.all())
    counted = serializers.DecimalField(**QUANTITY)
    reason = serializers.CharField(max_length=180)


def count_reference(reason: str) -> str:
    """The ledger reference of a count's adjustment: the reason, marked as a count."""
    return f"Count: {reason.strip()}"


class StockTransferViewSet(viewsets.GenericViewSet):
    permission_classes = [KindPermission]
    record_kind = "stock"
    serializer_class = StockTransferSerializer

    @extend_schema(
        responses={
            201: inline_serializer(
                "StockTransferDone", {"out": StockMoveSerializer(), "in": StockMoveSerializer()}
            )
        }
    )
    def create(self, request):
        """{"product", "source", "destination", "quantity", "reference"?} → the two ledger
        lines; 409 when the source has less available."""
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved_out, moved_in = services.stock_transfer(**data.validated_data, user=request.user)
        body = {
            "out": StockMoveSerializer(moved_out).data,
            "in": StockMoveSerializer(moved_in).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class StockCountViewSet(viewsets.GenericViewSet):
    permission_classes = [KindPermission]
    record_kind = "stock"
    serializer_class = StockCountSerializer

    @extend_schema(
        responses={
            201: inline_serializer("StockCountDone", {"adjustment": StockMoveSerializer()}),
            200: inline_serializer("StockCountMatched", {"adjustment": serializers.JSONField()}),
        }
    )
    def create(self, request):
        """{"product", "warehouse", "counted", "reason"} → 201 with the adjustment, or 200
        with `"adjustment": null` when the count matches the stock."""
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        move = services.stock_count(
            product=values["product"],
            warehouse=values["warehouse"],
            counted=values["counted"],
            reference=count_reference(values["reason"]),
            user=request.user,
        )
        if move is None:
            return Response({"adjustment": None})
        return Response({"adjustment": StockMoveSerializer(move).data}, status=201)
