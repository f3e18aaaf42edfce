"""Reads of the sales app: documents with their lines, what an order still lacks."""

from datetime import date

from django.db.models import Prefetch, QuerySet

from processes.common.currencies import party_currency
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


def quotation_list() -> QuerySet[Quotation]:
    lines = QuotationLine.objects.select_related("product")
    return Quotation.objects.select_related("party__price_list").prefetch_related(
        Prefetch("lines", queryset=lines)
    )


def order_list() -> QuerySet[SalesOrder]:
    lines = SalesOrderLine.objects.select_related("product")
    return SalesOrder.objects.select_related("party__price_list").prefetch_related(
        Prefetch("lines", queryset=lines)
    )


def invoice_list() -> QuerySet[Invoice]:
    lines = InvoiceLine.objects.select_related("product")
    return Invoice.objects.select_related("order__party__price_list").prefetch_related(
        Prefetch("lines", queryset=lines), "credit_notes"
    )


def credit_note_list() -> QuerySet[CreditNote]:
    return CreditNote.objects.select_related("invoice__order__party").prefetch_related(
        Prefetch("lines", queryset=CreditNoteLine.objects.select_related("product"))
    )


def payment_list() -> QuerySet[Payment]:
    return Payment.objects.select_related("invoice")


def order_by_number(number: str) -> SalesOrder:
    return order_list().get(number=number)


def overdue_invoices(*, today: date) -> QuerySet[Invoice]:
    """Open invoices whose due date has passed (for payment reminders)."""
    return invoice_list().filter(status=Invoice.Status.OPEN, due_date__lt=today)


def open_invoice_of(order: SalesOrder) -> Invoice | None:
    """The order's oldest open invoice, if any."""
    return order.invoices.filter(status=Invoice.Status.OPEN).order_by("id").first()


def currency_of(party) -> str:
    """The currency a party's documents are in: its price list's, else the company's."""
    return party_currency(party)
