"""Shapes of the sales API. They validate input; the services do the rest."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from processes.catalog.models import Product
from processes.common.tax_serializers import TaxBreakdownSerializer
from processes.sales.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
    Quotation,
    QuotationLine,
    SalesOrder,
    SalesOrderLine,
)
from processes.sales.services.taxes import tax_breakdown

LINE_FIELDS = ["id", "product", "sku", "product_name", "quantity", "unit_price"]
LINE_FIELDS += ["discount_percent", "total", "tax_rate", "tax_amount"]
MONEY_FIELDS = ["currency", "exchange_rate", "exchange_rate_date", "prices_include_tax"]
MONEY_FIELDS += ["net_total", "tax_total", "total", "taxes"]
CONVERSION = ["currency", "exchange_rate", "exchange_rate_date"]


class LineSerializer(serializers.ModelSerializer):
    """A line: `product`, `quantity` and `discount_percent` in; prices are worked out."""

    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.filter(is_active=True))
    sku = serializers.CharField(source="product.sku", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = QuotationLine
        fields = LINE_FIELDS
        read_only_fields = ["unit_price", "total", "tax_rate", "tax_amount"]
        extra_kwargs = {"discount_percent": {"required": False}}


class OrderLineSerializer(LineSerializer):
    class Meta(LineSerializer.Meta):
        model = SalesOrderLine
        fields = [*LINE_FIELDS, "reserved_quantity", "shipped_quantity", "delivered_quantity"]
        read_only_fields = ["unit_price", "total", "tax_rate", "tax_amount", *fields[-3:]]


class InvoiceLineSerializer(LineSerializer):
    class Meta(LineSerializer.Meta):
        model = InvoiceLine
        fields = [*LINE_FIELDS, "order_line"]
        read_only_fields = fields


class MoneyMixin(serializers.Serializer):
    """Amounts with their currency: net, tax per rate and gross (docs/taxes.md)."""

    taxes = serializers.SerializerMethodField()

    @extend_schema_field(TaxBreakdownSerializer(many=True))
    def get_taxes(self, record) -> list[dict]:
        breakdown = tax_breakdown(record.lines.all())
        return TaxBreakdownSerializer(breakdown, many=True).data


def _pdf_url(basename: str, record) -> str:
    return reverse(f"{basename}-pdf", args=[record.pk])


class QuotationSerializer(MoneyMixin, serializers.ModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)
    lines = LineSerializer(many=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Quotation
        fields = ["id", "number", "party", "party_name", "status", "valid_until", *MONEY_FIELDS]
        fields += ["notes", "rejection_reason", "pdf_url", "created_at", "sent_at"]
        fields += ["decided_at", "lines"]
        read_only_fields = ["status", "net_total", "tax_total", "total", "rejection_reason"]
        read_only_fields += [*CONVERSION, "prices_include_tax", "created_at", "sent_at"]
        read_only_fields += ["decided_at"]
        extra_kwargs = {"valid_until": {"required": False}}

    def get_pdf_url(self, quotation) -> str:
        return _pdf_url("quotation", quotation)


class SalesOrderSerializer(MoneyMixin, serializers.ModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)
    lines = OrderLineSerializer(many=True)

    class Meta:
        model = SalesOrder
        fields = ["id", "number", "party", "party_name", "quotation", "status"]
        fields += ["fulfilment_status", "billing_status", *MONEY_FIELDS, "notes", "cancel_reason"]
        fields += ["created_at", "confirmed_at", "lines"]
        read_only_fields = ["quotation", "status", "fulfilment_status", "billing_status"]
        read_only_fields += ["net_total", "tax_total", "total", "cancel_reason", "created_at"]
        read_only_fields += [*CONVERSION, "prices_include_tax", "confirmed_at"]


class CreditNoteLineSerializer(LineSerializer):
    class Meta(LineSerializer.Meta):
        model = CreditNoteLine
        fields = [*LINE_FIELDS, "invoice_line"]
        read_only_fields = fields


class CreditNoteSerializer(MoneyMixin, serializers.ModelSerializer):
    """A credit note: what reverses an invoice (docs/taxes.md), read only."""

    invoice_number = serializers.CharField(source="invoice.number", read_only=True)
    party = serializers.IntegerField(source="invoice.order.party_id", read_only=True)
    party_name = serializers.CharField(source="invoice.order.party.name", read_only=True)
    lines = CreditNoteLineSerializer(many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = CreditNote
        fields = ["id", "number", "invoice", "invoice_number", "party", "party_name", "reason"]
        fields += ["note", *CONVERSION, "net_total", "tax_total", "total", "taxes", "issued_on"]
        fields += ["pdf_url", "created_at", "lines"]
        read_only_fields = fields

    def get_pdf_url(self, credit_note) -> str:
        return _pdf_url("credit-note", credit_note)


class InvoiceSerializer(MoneyMixin, serializers.ModelSerializer):
    order_number = serializers.CharField(source="order.number", read_only=True)
    party = serializers.IntegerField(source="order.party_id", read_only=True)
    party_name = serializers.CharField(source="order.party.name", read_only=True)
    outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    lines = InvoiceLineSerializer(many=True, read_only=True)
    credit_notes = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = ["id", "number", "order", "order_number", "party", "party_name", "status"]
        fields += [*MONEY_FIELDS, "paid_amount", "credited_amount", "outstanding"]
        fields += ["issued_on", "due_date"]
        fields += ["paid_at", "credit_notes"]
        fields += ["pdf_url", "created_at", "lines"]
        read_only_fields = fields

    def get_pdf_url(self, invoice) -> str:
        return _pdf_url("invoice", invoice)


class PaymentSerializer(serializers.ModelSerializer):
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "invoice", "invoice_number", "amount", "method", "reference", "at", "user"]
        read_only_fields = ["invoice", "user"]
        extra_kwargs = {"at": {"required": False}}


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CreditLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The invoice line's id")
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3)


class CreditNoteRequestSerializer(serializers.Serializer):
    """A partial credit note: the invoice lines and quantities it credits (docs/taxes.md)."""

    lines = CreditLineSerializer(many=True)
    reason = serializers.ChoiceField(
        choices=[CreditNote.Reason.RETURN, CreditNote.Reason.CORRECTION], default="return"
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class InvoiceRequestSerializer(serializers.Serializer):
    due_in_days = serializers.IntegerField(min_value=0, max_value=365, default=14)


class ShortLineSerializer(serializers.Serializer):
    line_id = serializers.IntegerField()
    product_id = serializers.IntegerField()
    sku = serializers.CharField()
    kind = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3)


class StockReservationSerializer(serializers.Serializer):
    all_reserved = serializers.BooleanField()
    short = ShortLineSerializer(many=True)
    order = SalesOrderSerializer()
