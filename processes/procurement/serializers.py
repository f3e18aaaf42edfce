"""Shapes of the procurement API. They validate input; the services do the rest."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from processes.catalog.models import Product
from processes.common.tax_serializers import TaxBreakdownSerializer
from processes.common.taxes import tax_breakdown
from processes.crm.models import Party
from processes.inventory.models import Warehouse
from processes.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseRequest,
    SupplierBill,
    SupplierBillLine,
)

QUANTITY = {"max_digits": 14, "decimal_places": 3}
CONVERSION = ["currency", "exchange_rate", "exchange_rate_date"]


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
        fields = ["id", "product", "sku", "quantity", "unit_price", "total", "tax_rate"]
        fields += ["tax_amount", "received_quantity"]
        read_only_fields = ["total", "tax_rate", "tax_amount", "received_quantity"]
        extra_kwargs = {"unit_price": {"required": False}}


class MoneyMixin(serializers.Serializer):
    """Amounts with their currency: net, tax per rate and gross (docs/taxes.md)."""

    taxes = serializers.SerializerMethodField()

    @extend_schema_field(TaxBreakdownSerializer(many=True))
    def get_taxes(self, record) -> list[dict]:
        return TaxBreakdownSerializer(tax_breakdown(record.lines.all()), many=True).data


class PurchaseOrderSerializer(MoneyMixin, serializers.ModelSerializer):
    supplier = serializers.PrimaryKeyRelatedField(queryset=Party.objects.filter(is_supplier=True))
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    warehouse = serializers.PrimaryKeyRelatedField(
        queryset=Warehouse.objects.filter(is_active=True), required=False
    )
    lines = PurchaseOrderLineSerializer(many=True)

    class Meta:
        model = PurchaseOrder
        fields = ["id", "number", "supplier", "supplier_name", "warehouse", "status"]
        fields += [*CONVERSION, "net_total", "tax_total", "total", "taxes", "notes"]
        fields += ["rejection_reason", "created_by", "approved_by", "created_at"]
        fields += ["approved_at", "sent_at", "received_at", "lines"]
        read_only_fields = ["status", "net_total", "tax_total", "total", "rejection_reason"]
        read_only_fields += [*CONVERSION, "created_by", "approved_by"]
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


class SupplierBillLineSerializer(serializers.ModelSerializer):
    """A billed line: `line` (of the order) or `product`, `quantity`, and `unit_price` and
    `tax_rate` when the supplier's differ from the order's."""

    line = serializers.IntegerField(source="order_line_id", required=False)
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all(), required=False)
    sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = SupplierBillLine
        fields = ["id", "line", "product", "sku", "quantity", "unit_price", "total", "tax_rate"]
        fields += ["tax_amount"]
        read_only_fields = ["total", "tax_amount"]
        extra_kwargs = {"unit_price": {"required": False}, "tax_rate": {"required": False}}


class SupplierBillSerializer(MoneyMixin, serializers.ModelSerializer):
    """In: {"number", "amount"?, "lines"?, "bill_date"?, "due_date"?}; without lines, what
    of the order is not billed yet; the amount (gross) is checked against the lines."""

    order_number = serializers.CharField(source="order.number", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    lines = SupplierBillLineSerializer(many=True, required=False)

    class Meta:
        model = SupplierBill
        fields = ["id", "order", "order_number", "supplier", "supplier_name", "number"]
        fields += [*CONVERSION, "net_total", "tax_total", "amount", "taxes", "lines"]
        fields += ["bill_date", "due_date", "status", "created_at", "paid_at"]
        read_only_fields = ["order", "supplier", "status", "created_at", "paid_at"]
        read_only_fields += [*CONVERSION, "net_total", "tax_total"]
        validators = []  # the service reports a bill recorded twice by its number
        extra_kwargs = {"bill_date": {"required": False}, "amount": {"required": False}}

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if values.get("lines") is not None:
            values["lines"] = [
                {
                    "line": row.get("order_line_id"),
                    "product": row.get("product"),
                    "quantity": row.get("quantity"),
                    "unit_price": row.get("unit_price"),
                    "tax_rate": row.get("tax_rate"),
                }
                for row in values["lines"]
            ]
        return values


class PurchaseOrderReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
