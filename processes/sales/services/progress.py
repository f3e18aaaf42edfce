"""An order's fulfilment and billing status, worked out from its lines and invoices."""

from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce

from processes.sales.models import Invoice, SalesOrder

Fulfilment = SalesOrder.Fulfilment
Billing = SalesOrder.Billing
ZERO = Decimal("0.00")


def fulfilment_of(lines) -> str:
    """Furthest stage that every line has reached, or "partially" when only some have."""
    lines = list(lines)
    for done, partly, field in (
        (Fulfilment.DELIVERED, None, "delivered_quantity"),
        (Fulfilment.SHIPPED, Fulfilment.PARTIALLY_SHIPPED, "shipped_quantity"),
        (Fulfilment.RESERVED, Fulfilment.PARTIALLY_RESERVED, "reserved_quantity"),
    ):
        if lines and all(getattr(line, field) >= line.quantity for line in lines):
            return done
        if partly and any(getattr(line, field) > 0 for line in lines):
            return partly
    return Fulfilment.UNRESERVED


def billing_of(order: SalesOrder) -> str:
    totals = order.invoices.exclude(status=Invoice.Status.CANCELLED).aggregate(
        invoiced=Coalesce(Sum("total"), ZERO),
        paid=Coalesce(Sum("paid_amount"), ZERO),
        credited=Coalesce(Sum("credited_amount"), ZERO),
    )
    if totals["invoiced"] <= 0:
        return Billing.NOT_INVOICED
    # Credit notes lower what the order comes to (a return, a price corrected).
    if totals["paid"] >= order.total - totals["credited"]:
        return Billing.PAID
    if totals["paid"] > 0:
        return Billing.PARTIALLY_PAID
    return Billing.INVOICED


def order_refresh(order: SalesOrder, *, lines=None) -> SalesOrder:
    """Store the order's computed statuses; a delivered and paid order is done.

    `lines`: all the order's lines as saved, when the caller holds them already."""
    order.fulfilment_status = fulfilment_of(order.lines.all() if lines is None else lines)
    order.billing_status = billing_of(order)
    if (
        order.status == SalesOrder.Status.CONFIRMED
        and order.fulfilment_status == Fulfilment.DELIVERED
        and order.billing_status == Billing.PAID
    ):
        order.status = SalesOrder.Status.DONE
    order.save(update_fields=["fulfilment_status", "billing_status", "status"])
    return order
