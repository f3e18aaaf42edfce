"""Row locks on sales documents, in one place; always taken before any stock row."""

from processes.sales.models import Invoice, Quotation, SalesOrder


def lock_order(order: SalesOrder) -> SalesOrder:
    """Lock the order and return it as the database has it now."""
    return SalesOrder.objects.select_for_update().get(pk=order.pk)


def lock_quotation(quotation: Quotation) -> Quotation:
    return Quotation.objects.select_for_update().get(pk=quotation.pk)


def lock_invoice(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().get(pk=invoice.pk)
