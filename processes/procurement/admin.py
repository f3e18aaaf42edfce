"""Admin for purchasing. Statuses and quantities change only through the services."""

from django.contrib import admin

from processes.common.admin import ReadOnlyInline, ServiceManagedAdmin
from processes.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseRequest,
    SupplierBill,
)


class OrderLineInline(ReadOnlyInline):
    model = PurchaseOrderLine
    fields = ["product", "quantity", "unit_price", "total", "received_quantity"]


class ReceiptLineInline(ReadOnlyInline):
    model = GoodsReceiptLine
    fields = ["order_line", "quantity"]


@admin.register(PurchaseRequest)
class PurchaseRequestAdmin(ServiceManagedAdmin):
    list_display = ["created_at", "product", "quantity", "reason", "reference", "status"]
    list_filter = ["reason", "status"]
    list_select_related = ["product"]
    search_fields = ["product__sku", "reference"]


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(ServiceManagedAdmin):
    list_display = ["number", "supplier", "status", "total", "created_at", "approved_by"]
    list_filter = ["status"]
    list_select_related = ["supplier", "approved_by"]
    search_fields = ["number", "supplier__name"]
    inlines = [OrderLineInline]


@admin.register(GoodsReceipt)
class GoodsReceiptAdmin(ServiceManagedAdmin):
    list_display = ["received_at", "order", "quality_ok", "received_by"]
    list_filter = ["quality_ok"]
    list_select_related = ["order", "received_by"]
    search_fields = ["order__number"]
    inlines = [ReceiptLineInline]


@admin.register(SupplierBill)
class SupplierBillAdmin(ServiceManagedAdmin):
    list_display = ["number", "supplier", "order", "amount", "bill_date", "due_date", "status"]
    list_filter = ["status"]
    list_select_related = ["supplier", "order"]
    search_fields = ["number", "supplier__name", "order__number"]
