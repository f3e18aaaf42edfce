"""Row locks on sales documents, in one place; always taken before any stock row."""

from processes.sales.models import Invoice, Quotation, SalesOrder


def lock_order(order: SalesOrder | int) -> SalesOrder:
    """Lock the order (a record or its id) and return it as the database has it now."""
    pk = order.pk if isinstance(order, SalesOrder) else order
    return SalesOrder.objects.select_for_update().get(pk=pk)


def lock_quotation(quotation: Quotation) -> Quotation:
    return Quotation.objects.select_for_update().get(pk=quotation.pk)


def lock_invoice(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().get(pk=invoice.pk)
