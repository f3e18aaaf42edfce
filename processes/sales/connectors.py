"""Service-task handlers of the sales process (order-to-cash), by connector name.

Each takes plain params (ids, quantities; a missing param is looked up in the process
data) and answers a JSON-ready dict. See processes/common/connectors.py for the errors.
"""

from django.urls import reverse
from django.utils import timezone

from processes.common.connectors import as_decimal, as_id, user_of, value
from processes.crm.models import Party
from processes.ownership.services import document_claim
from processes.sales import services
from processes.sales.models import Invoice, Quotation, SalesOrder


def _order(params, data, orders=SalesOrder.objects) -> SalesOrder:
    return orders.get(pk=as_id(value(params, data, "order_id")))


def create_order(params: dict, *, data: dict) -> dict:
    """{customer, lines: [{product, quantity, discount_percent?}], notes?, user?}"""
    party = Party.objects.get(pk=as_id(value(params, data, "customer")))
    lines = [{**line, "product": as_id(line["product"])} for line in value(params, data, "lines")]
    order = services.order_create(
        party=party,
        lines=lines,
        notes=str(value(params, data, "notes", "")),
        user=user_of(value(params, data, "user", None)),
    )
    document_claim(document=order)
    return {"order_id": order.pk, "order_number": order.number, "total": str(order.total)}


def create_quotation_pdf(params: dict, *, data: dict) -> dict:
    """{order_id} (makes and sends the order's quotation) or {quotation_id}"""
    if params.get("quotation_id") not in (None, ""):
        quotation = Quotation.objects.get(pk=as_id(params["quotation_id"]))
    else:
        order = _order(params, data)
        quotation = order.quotation or services.quotation_create_for_order(order=order)
    if quotation.status == Quotation.Status.DRAFT:
        quotation = services.quotation_send(quotation=quotation)
    else:
        quotation = services.quotation_render_pdf(quotation=quotation)
    return {
        "quotation_id": quotation.pk,
        "quotation_number": quotation.number,
        "total": str(quotation.total),
        "pdf_url": reverse("quotation-pdf", args=[quotation.pk]),
    }


def confirm_order(params: dict, *, data: dict) -> dict:
    """{order_id}: the customer said yes; its sent quotation is accepted too."""
    order = _order(params, data, SalesOrder.objects.select_related("quotation"))
    if order.quotation and order.quotation.status == Quotation.Status.SENT:
        services.quotation_accept(quotation=order.quotation)
    order = services.order_confirm(order=order)
    return {"order_status": order.status, "confirmed_at": order.confirmed_at.isoformat()}


def reject_quotation(params: dict, *, data: dict) -> dict:
    """{order_id, reason?}: the customer said no; the quotation is rejected, the order cancelled."""
    order = _order(params, data)
    reason = str(value(params, data, "reason", ""))
    if order.quotation and order.quotation.status in (
        Quotation.Status.DRAFT,
        Quotation.Status.SENT,
    ):
        services.quotation_reject(quotation=order.quotation, reason=reason)
    order = services.order_cancel(order=order, reason=reason)
    return {"order_status": order.status}


def reserve_stock(params: dict, *, data: dict) -> dict:
    """{order_id} → {all_reserved, short: [{line_id, product_id, sku, kind, quantity}]}"""
    result = services.order_reserve_stock(order=_order(params, data))
    short = [
        {
            "line_id": s.line.pk,
            "product_id": s.line.product_id,
            "sku": s.line.product.sku,
            "kind": s.line.product.kind,
            "quantity": str(s.quantity),
        }
        for s in result.short
    ]
    status = result.order.fulfilment_status
    return {"all_reserved": result.all_reserved, "short": short, "fulfilment_status": status}


def create_invoice(params: dict, *, data: dict) -> dict:
    """{order_id, due_in_days?} → the invoice with its PDF"""
    due_in_days = int(value(params, data, "due_in_days", services.billing.DUE_IN_DAYS))
    invoice = services.invoice_create_for_order(order=_order(params, data), due_in_days=due_in_days)
    return {
        "invoice_id": invoice.pk,
        "invoice_number": invoice.number,
        "total": str(invoice.total),
        "due_date": invoice.due_date.isoformat(),
        "pdf_url": reverse("invoice-pdf", args=[invoice.pk]),
    }


def record_payment(params: dict, *, data: dict) -> dict:
    """{invoice_id, amount? (all that is owed), method?, reference?}"""
    invoice = Invoice.objects.get(pk=as_id(value(params, data, "invoice_id")))
    amount = as_decimal(value(params, data, "amount", invoice.outstanding))
    method = str(value(params, data, "method", "bank_transfer"))
    reference = str(value(params, data, "payment_reference", ""))
    payment = services.payment_record(
        invoice=invoice, amount=amount, method=method, reference=reference
    )
    invoice = payment.invoice
    return {
        "payment_id": payment.pk,
        "invoice_status": invoice.status,
        "paid": invoice.status == Invoice.Status.PAID,
        "outstanding": str(invoice.outstanding),
        "billing_status": invoice.order.billing_status,
    }


def payment_status(params: dict, *, data: dict) -> dict:
    """{invoice_id} → {paid, outstanding, overdue} (for the overdue-payment reminder)"""
    invoice = Invoice.objects.get(pk=as_id(value(params, data, "invoice_id")))
    overdue = invoice.status == Invoice.Status.OPEN and invoice.due_date < timezone.localdate()
    paid = invoice.status == Invoice.Status.PAID
    return {"paid": paid, "outstanding": str(invoice.outstanding), "overdue": overdue}


CONNECTORS = {
    "sales.create_order": create_order,
    "sales.create_quotation_pdf": create_quotation_pdf,
    "sales.confirm_order": confirm_order,
    "sales.reject_quotation": reject_quotation,
    "sales.reserve_stock": reserve_stock,
    "sales.create_invoice": create_invoice,
    "sales.record_payment": record_payment,
    "sales.payment_status": payment_status,
}
