"""The statuses of sales documents in words, in the reader's language, for the messages
the services give ("Order SO-00012 is confirmed; …"). Same words as the document pages."""

from django.utils.translation import pgettext_lazy

from processes.sales.models import Invoice, Quotation, SalesOrder

WORDS = {
    SalesOrder.Status.DRAFT: pgettext_lazy("document status", "Draft"),
    SalesOrder.Status.CONFIRMED: pgettext_lazy("document status", "Confirmed"),
    SalesOrder.Status.DONE: pgettext_lazy("document status", "Done"),
    SalesOrder.Status.CANCELLED: pgettext_lazy("document status", "Cancelled"),
    Quotation.Status.SENT: pgettext_lazy("document status", "Sent"),
    Quotation.Status.ACCEPTED: pgettext_lazy("document status", "Accepted"),
    Quotation.Status.REJECTED: pgettext_lazy("document status", "Rejected"),
    Quotation.Status.EXPIRED: pgettext_lazy("document status", "Expired"),
    Invoice.Status.OPEN: pgettext_lazy("document status", "Open"),
    Invoice.Status.PAID: pgettext_lazy("document status", "Paid"),
}


def status_word(record) -> str:
    """The record's status as the reader's language says it ("Confirmed", « Confirmée »)."""
    word = WORDS.get(record.status)
    return str(word) if word is not None else record.get_status_display()
