"""The quotation, invoice and credit note documents, as PDF (fpdf2), and storing them with
their record.

The layout — the company's letterhead and bank details, the lines, the tax per rate, the
exchange rate of a document in another currency — is processes/common/document_pdf.py.
The text is set in DejaVu Sans (processes/common/pdf_fonts.py: Latin, Greek, Cyrillic and
more), so a customer's name prints as written: "ООО Ромашка", "Société Générale".
Labels, dates and amounts follow the language active when the document is made
(docs/i18n.md): "1 234,56 €" in French, "1 234,56 ₽" in Russian.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from processes.common.document_pdf import Document, day, render
from processes.common.money import format_money
from processes.crm.addresses import address_lines, default_address
from processes.sales.models import CreditNote, Invoice, Quotation


def quotation_pdf(quotation: Quotation) -> bytes:
    """The quotation as a PDF document."""
    facts = [
        (_("Date"), day(quotation.created_at)),
        (_("Valid until"), day(quotation.valid_until)),
    ]
    return render(
        Document(
            title=_("Quotation %(number)s") % {"number": quotation.number},
            party=quotation.party,
            address=address_lines(default_address(quotation.party)),
            facts=facts,
            lines=list(quotation.lines.select_related("product")),
            record=quotation,
            notes=quotation.notes,
        )
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF document."""
    facts = [
        (_("Date"), day(invoice.issued_on)),
        (_("Order"), invoice.order.number),
        (_("Due date"), day(invoice.due_date)),
    ]
    return render(
        Document(
            title=_("Invoice %(number)s") % {"number": invoice.number},
            party=invoice.order.party,
            address=address_lines(default_address(invoice.order.party)),
            facts=facts,
            lines=list(invoice.lines.select_related("product")),
            record=invoice,
            notes=_("Please pay by %(date)s, quoting %(number)s.")
            % {"date": day(invoice.due_date), "number": invoice.number},
        )
    )


def credit_note_pdf(credit_note: CreditNote) -> bytes:
    """The credit note as a PDF document: the invoice's lines and amounts it reverses."""
    invoice = credit_note.invoice
    facts = [
        (_("Date"), day(credit_note.issued_on)),
        (_("Invoice"), invoice.number),
        (_("Invoice date"), day(invoice.issued_on)),
    ]
    if credit_note.reason == CreditNote.Reason.CANCELLATION:
        notes = _("This credit note cancels invoice %(number)s: nothing is owed on it.") % {
            "number": invoice.number
        }
    else:
        notes = _("This credit note reduces invoice %(number)s by %(amount)s.") % {
            "number": invoice.number,
            "amount": format_money(credit_note.total, credit_note.currency),
        }
    if credit_note.note:
        notes = f"{notes}\n{credit_note.note}"
    return render(
        Document(
            title=_("Credit note %(number)s") % {"number": credit_note.number},
            party=invoice.order.party,
            address=address_lines(default_address(invoice.order.party)),
            facts=facts,
            lines=list(credit_note.lines.select_related("product")),
            record=credit_note,
            notes=notes,
        )
    )


def store_pdf(record: Quotation | Invoice | CreditNote, content: bytes) -> None:
    """Save `content` as the record's `pdf` file; an older file goes once this commits."""
    old = record.pdf.name
    record.pdf.save(f"{record.number}.pdf", ContentFile(content), save=False)
    record.save(update_fields=["pdf"])
    if old and old != record.pdf.name:
        storage = record.pdf.storage
        transaction.on_commit(lambda: storage.delete(old))
