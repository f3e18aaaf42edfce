"""Invoices for orders and the payments that settle them (partial payments allowed)."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from processes.common.currencies import conversion_on, quantum
from processes.common.errors import InvalidTransition, invalid
from processes.common.money import format_money
from processes.common.statuses import status_word
from processes.sales import documents
from processes.sales.locks import lock_invoice, lock_order
from processes.sales.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
    SalesOrder,
)
from processes.sales.sequences import next_number
from processes.sales.services.lines import line_part
from processes.sales.services.progress import order_refresh
from processes.sales.services.taxes import document_totals

DUE_IN_DAYS = 14


@transaction.atomic
def invoice_create_for_order(
    *, order: SalesOrder, due_in_days: int = DUE_IN_DAYS, user=None
) -> Invoice:
    """Invoice what of a confirmed order is not invoiced yet; its PDF is made with it.

    Raises InvalidTransition (409) for an order not confirmed or already fully invoiced.
    """
    order = lock_order(order)
    if order.status != SalesOrder.Status.CONFIRMED:
        raise InvalidTransition(
            _("Order %(number)s is “%(status)s”; only a confirmed order is invoiced.")
            % {"number": order.number, "status": status_word(order)}
        )
    invoiced = dict(
        InvoiceLine.objects.filter(order_line__order=order)
        .exclude(invoice__status=Invoice.Status.CANCELLED)
        .values("order_line")
        .annotate(quantity=Sum("quantity"))
        .values_list("order_line", "quantity")
    )
    order_lines = list(order.lines.select_related("product"))
    conversion = conversion_on(order.currency, timezone.localdate())
    smallest = quantum(order.currency)
    lines = []
    for line in order_lines:
        quantity = line.quantity - invoiced.get(line.pk, Decimal(0))
        if quantity > 0:
            part = line_part(
                line, quantity, includes_tax=order.prices_include_tax, smallest=smallest
            )
            lines.append(InvoiceLine(order_line=line, **part))
    if not lines:
        raise InvalidTransition(
            _("Order %(number)s is already invoiced in full.") % {"number": order.number}
        )
    invoice = Invoice.objects.create(
        order=order,
        prices_include_tax=order.prices_include_tax,
        **conversion.fields(),
        **document_totals(lines),
        due_date=timezone.localdate() + timedelta(days=int(due_in_days)),
        created_by=user,
    )
    for line in lines:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(lines)
    invoice.number = next_number("INV", invoice.issued_on.year)
    invoice.save(update_fields=["number"])
    invoice_render_pdf(invoice=invoice)
    order_refresh(order, lines=order_lines)
    return invoice


@transaction.atomic
def invoice_cancel(*, invoice: Invoice, note: str = "", user=None) -> Invoice:
    """Cancel an open invoice that has no payments with a credit note that reverses it in
    full (its PDF made with it): the invoice stays, with its number, the customer owes
    nothing on it, and its lines may be invoiced again."""
    invoice = lock_invoice(invoice)
    if invoice.status != Invoice.Status.OPEN or invoice.paid_amount > 0:
        raise InvalidTransition(
            _(
                "Invoice %(number)s cannot be cancelled: it is “%(status)s” or partly paid "
                "(a credit note of chosen lines corrects it)."
            )
            % {"number": invoice.number, "status": status_word(invoice)}
        )
    credit_note = CreditNote.objects.create(
        invoice=invoice,
        reason=CreditNote.Reason.CANCELLATION,
        note=note,
        net_total=invoice.net_total,
        tax_total=invoice.tax_total,
        total=invoice.total,
        currency=invoice.currency,
        exchange_rate=invoice.exchange_rate,
        exchange_rate_date=invoice.exchange_rate_date,
        created_by=user,
    )
    CreditNoteLine.objects.bulk_create(
        CreditNoteLine(
            credit_note=credit_note,
            invoice_line=line,
            product=line.product,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            total=line.total,
            tax_rate=line.tax_rate,
            tax_amount=line.tax_amount,
        )
        for line in invoice.lines.all()
    )
    credit_note.number = next_number("CN", credit_note.issued_on.year)
    credit_note.save(update_fields=["number"])
    credit_note_render_pdf(credit_note=credit_note)
    invoice.status, invoice.credited_amount = Invoice.Status.CANCELLED, invoice.total
    invoice.save(update_fields=["status", "credited_amount"])
    invoice.order = order_refresh(lock_order(invoice.order_id))
    return invoice


@transaction.atomic
def invoice_render_pdf(*, invoice: Invoice) -> Invoice:
    """Make the invoice's PDF and store it with the invoice (replacing an older one)."""
    documents.store_pdf(invoice, documents.invoice_pdf(invoice))
    return invoice


@transaction.atomic
def credit_note_render_pdf(*, credit_note: CreditNote) -> CreditNote:
    """Make the credit note's PDF and store it with it (replacing an older one)."""
    documents.store_pdf(credit_note, documents.credit_note_pdf(credit_note))
    return credit_note


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount,
    method: str = Payment.Method.BANK_TRANSFER,
    reference: str = "",
    at=None,
    user=None,
) -> Payment:
    """Record a payment of an open invoice; the invoice is paid once payments cover it.

    `payment.invoice` is the invoice as saved, its `order` with the order's new statuses.
    An amount above what is still owed is refused (400); a paid or cancelled invoice
    takes no payment (409).
    """
    invoice = lock_invoice(invoice)
    if invoice.status != Invoice.Status.OPEN:
        raise InvalidTransition(
            _("Invoice %(number)s is “%(status)s”: it takes no payment.")
            % {"number": invoice.number, "status": status_word(invoice)}
        )
    amount = Decimal(str(amount))
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise invalid("amount", _("The amount must be above zero, in cents."))
    if amount > invoice.outstanding:
        raise invalid(
            "amount",
            _("Only %(amount)s is still owed on %(number)s.")
            % {
                "amount": format_money(invoice.outstanding, invoice.currency),
                "number": invoice.number,
            },
        )
    if method not in Payment.Method.values:
        raise invalid(
            "method",
            _("“%(method)s” is not a payment method; one of: %(allowed)s.")
            % {"method": method, "allowed": ", ".join(Payment.Method.values)},
        )
    payment = Payment.objects.create(
        invoice=invoice,
        amount=amount,
        method=method,
        reference=reference,
        at=at or timezone.now(),
        user=user,
    )
    invoice.paid_amount += amount
    fields = ["paid_amount"]
    if invoice.paid_amount + invoice.credited_amount >= invoice.total:
        invoice.status, invoice.paid_at = Invoice.Status.PAID, payment.at
        fields += ["status", "paid_at"]
    invoice.save(update_fields=fields)
    invoice.order = order_refresh(lock_order(invoice.order_id))
    return payment
