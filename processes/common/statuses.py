"""The statuses of the business's records in words, in the reader's language, for the
document pages and for the messages the services give ("PO-00012 is “Sent”; …").

A code means the same on every record that has it ("draft", "cancelled", "shipped" …), so
each is written once; the models keep their English labels.
"""

from django.utils.translation import pgettext_lazy

WORDS = {
    "draft": pgettext_lazy("document status", "Draft"),
    "confirmed": pgettext_lazy("document status", "Confirmed"),
    "done": pgettext_lazy("document status", "Done"),
    "cancelled": pgettext_lazy("document status", "Cancelled"),
    "unreserved": pgettext_lazy("document status", "Not reserved"),
    "partially_reserved": pgettext_lazy("document status", "Partly reserved"),
    "reserved": pgettext_lazy("document status", "Reserved"),
    "partially_shipped": pgettext_lazy("document status", "Partly shipped"),
    "shipped": pgettext_lazy("document status", "Shipped"),
    "delivered": pgettext_lazy("document status", "Delivered"),
    "not_invoiced": pgettext_lazy("document status", "Not invoiced"),
    "invoiced": pgettext_lazy("document status", "Invoiced"),
    "partially_paid": pgettext_lazy("document status", "Partly paid"),
    "paid": pgettext_lazy("document status", "Paid"),
    "sent": pgettext_lazy("document status", "Sent"),
    "accepted": pgettext_lazy("document status", "Accepted"),
    "rejected": pgettext_lazy("document status", "Rejected"),
    "expired": pgettext_lazy("document status", "Expired"),
    "open": pgettext_lazy("document status", "Open"),
    "awaiting_approval": pgettext_lazy("document status", "Awaiting approval"),
    "approved": pgettext_lazy("document status", "Approved"),
    "ordered": pgettext_lazy("document status", "Ordered"),
    "partially_received": pgettext_lazy("document status", "Partly received"),
    "received": pgettext_lazy("document status", "Received"),
    "planned": pgettext_lazy("document status", "Planned"),
    "components_reserved": pgettext_lazy("document status", "Components reserved"),
    "in_progress": pgettext_lazy("document status", "In progress"),
    "quality_check": pgettext_lazy("document status", "Quality check"),
    "to_pick": pgettext_lazy("document status", "To pick"),
    "picked": pgettext_lazy("document status", "Picked"),
    "packed": pgettext_lazy("document status", "Packed"),
}


def status_word(record) -> str:
    """The record's status as the reader's language says it ("Confirmed", « Confirmée »)."""
    word = WORDS.get(record.status)
    return str(word) if word is not None else record.get_status_display()
