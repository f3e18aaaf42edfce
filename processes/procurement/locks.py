"""Row locks on purchasing documents, in one place; always taken before any stock row."""

from processes.procurement.models import PurchaseOrder, PurchaseRequest


def lock_order(order: PurchaseOrder) -> PurchaseOrder:
    """Lock the purchase order and return it as the database has it now."""
    return PurchaseOrder.objects.select_for_update().get(pk=order.pk)


def lock_requests(requests) -> list[PurchaseRequest]:
    """Lock these purchase requests, in primary-key order."""
    ids = sorted(r.pk for r in requests)
    return list(PurchaseRequest.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
