"""Shapes of the procurement API. They validate input; the services do the rest."""

from rest_framework import serializers

from processes.catalog.models import Product
from processes.crm.models import Party
from processes.inventory.models import Warehouse
from processes.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseRequest,
    SupplierBill,
)

QUANTITY = {"max_digits": 14, "decimal_places": 3}


class PurchaseRequestSerializer(serializers.ModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)
    purchase_order_number = serializers.CharField(
        source="purchase_order.number", read_only=True, default=None
    )

    class Meta:
        model = PurchaseRequest
        fields = ["id", "product", "sku", "quantity", "reason", "reference", "warehouse"]
        fields += ["status", "purchase_order", "purchase_order_number", "requested_by"]
        fields += ["created_at"]
        read_only_fields = ["status", "purchase_order", "requested_by", "created_at"]


class PurchaseOrderLineSerializer(serializers.ModelSerializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = PurchaseOrderLine
        fields = ["id", "product", "sku", "quantity", "unit_price", "total", "received_quantity"]
        read_only_fields = ["total", "received_quantity"]
        extra_kwargs = {"unit_price": {"required": False}}


class PurchaseOrderSerializer(serializers.ModelSerializer):
    supplier = serializers.PrimaryKeyRelatedField(queryset=Party.objects.filter(is_supplier=True))
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    warehouse = serializers.PrimaryKeyRelatedField(
        queryset=Warehouse.objects.filter(is_active=True), required=False
    )
    lines = PurchaseOrderLineSerializer(many=True)

    class Meta:
        model = PurchaseOrder
        fields = ["id", "number", "supplier", "supplier_name", "warehouse", "status", "total"]
        fields += ["notes", "rejection_reason", "created_by", "approved_by", "created_at"]
        fields += ["approved_at", "sent_at", "received_at", "lines"]
        read_only_fields = ["status", "total", "rejection_reason", "created_by", "approved_by"]
        read_only_fields += ["created_at", "approved_at", "sent_at", "received_at"]


class FromRequestsSerializer(serializers.Serializer):
    requests = serializers.PrimaryKeyRelatedField(
        queryset=PurchaseRequest.objects.all(), many=True, allow_empty=False
    )
    supplier = serializers.PrimaryKeyRelatedField(
        queryset=Party.objects.filter(is_supplier=True), required=False, default=None
    )
    warehouse = serializers.PrimaryKeyRelatedField(
        queryset=Warehouse.objects.filter(is_active=True), required=False, default=None
    )


class ReceiptLineInputSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    quantity = serializers.DecimalField(**QUANTITY)


class ReceiveSerializer(serializers.Serializer):
    """Goods in: `lines` [{"product", "quantity"}], or all that is outstanding without it."""

    lines = ReceiptLineInputSerializer(many=True, required=False, default=None)
    quality_ok = serializers.BooleanField(default=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class GoodsReceiptLineSerializer(serializers.ModelSerializer):
    product = serializers.IntegerField(source="order_line.product_id", read_only=True)
    sku = serializers.CharField(source="order_line.product.sku", read_only=True)

    class Meta:
        model = GoodsReceiptLine
        fields = ["id", "order_line", "product", "sku", "quantity"]


class GoodsReceiptSerializer(serializers.ModelSerializer):
    order_number = serializers.CharField(source="order.number", read_only=True)
    lines = GoodsReceiptLineSerializer(many=True, read_only=True)

    class Meta:
        model = GoodsReceipt
        fields = ["id", "order", "order_number", "quality_ok", "notes", "received_by"]
        fields += ["received_at", "lines"]


class SupplierBillSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupplierBill
        fields = ["id", "order", "supplier", "number", "amount", "bill_date", "due_date"]
        fields += ["status", "created_at", "paid_at"]
        read_only_fields = ["order", "supplier", "status", "created_at", "paid_at"]
        validators = []  # the service reports a bill recorded twice by its number
        extra_kwargs = {"bill_date": {"required": False}}


class PurchaseOrderReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
