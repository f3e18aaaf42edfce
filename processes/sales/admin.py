"""Admin for sales documents. Their statuses and amounts change only through the services,
so they are shown read-only here."""

from django.contrib import admin

from processes.common.admin import ReadOnlyInline, ServiceManagedAdmin
from processes.sales.models import (
    Invoice,
    InvoiceLine,
    Payment,
    Quotation,
    QuotationLine,
    SalesOrder,
    SalesOrderLine,
)

LINE_FIELDS = ["product", "quantity", "unit_price", "discount_percent", "total"]


class QuotationLineInline(ReadOnlyInline):
    model = QuotationLine
    fields = LINE_FIELDS


class OrderLineInline(ReadOnlyInline):
    model = SalesOrderLine
    fields = [*LINE_FIELDS, "reserved_quantity", "shipped_quantity", "delivered_quantity"]


class InvoiceLineInline(ReadOnlyInline):
    model = InvoiceLine
    fields = LINE_FIELDS


@admin.register(Quotation)
class QuotationAdmin(ServiceManagedAdmin):
    list_display = ["number", "party", "status", "total", "valid_until", "created_at"]
    list_filter = ["status"]
    list_select_related = ["party"]
    search_fields = ["number", "party__name"]
    inlines = [QuotationLineInline]


@admin.register(SalesOrder)
class SalesOrderAdmin(ServiceManagedAdmin):
    list_display = ["number", "party", "status", "fulfilment_status", "billing_status", "total"]
    list_filter = ["status", "fulfilment_status", "billing_status"]
    list_select_related = ["party"]
    search_fields = ["number", "party__name"]
    inlines = [OrderLineInline]


@admin.register(Invoice)
class InvoiceAdmin(ServiceManagedAdmin):
    list_display = ["number", "order", "status", "total", "paid_amount", "due_date"]
    list_filter = ["status"]
    list_select_related = ["order"]
    search_fields = ["number", "order__number", "order__party__name"]
    inlines = [InvoiceLineInline]


@admin.register(Payment)
class PaymentAdmin(ServiceManagedAdmin):
    list_display = ["at", "invoice", "amount", "method", "reference"]
    list_filter = ["method"]
    list_select_related = ["invoice"]
    search_fields = ["invoice__number", "reference"]
