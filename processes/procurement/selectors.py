"""Reads of the procurement app: requests, orders with lines, receipts, bills."""

from django.db.models import Prefetch, QuerySet

from processes.procurement.models import (
    GoodsReceipt,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseRequest,
    SupplierBill,
)


def purchase_request_list() -> QuerySet[PurchaseRequest]:
    return PurchaseRequest.objects.select_related("product", "warehouse", "purchase_order")


def open_requests(*, product=None) -> QuerySet[PurchaseRequest]:
    qs = purchase_request_list().filter(status=PurchaseRequest.Status.OPEN)
    return qs if product is None else qs.filter(product=product)


def purchase_order_list() -> QuerySet[PurchaseOrder]:
    lines = PurchaseOrderLine.objects.select_related("product")
    return PurchaseOrder.objects.select_related(
        "supplier", "warehouse", "approved_by"
    ).prefetch_related(Prefetch("lines", queryset=lines))


def goods_receipt_list() -> QuerySet[GoodsReceipt]:
    return GoodsReceipt.objects.select_related("order").prefetch_related(
        "lines__order_line__product"
    )


def supplier_bill_list() -> QuerySet[SupplierBill]:
    return SupplierBill.objects.select_related("order", "supplier").prefetch_related(
        "lines__product"
    )
