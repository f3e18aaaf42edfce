"""The quotation and invoice documents, as PDF (fpdf2), and storing them with their record.

The built-in PDF fonts cover Latin-1 only; other characters are replaced so that a name
with an unusual letter never stops a document from being made.
"""

from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from processes.sales.models import Invoice, Quotation

TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})
COLUMNS = ("SKU", "Product", "Quantity", "Unit price", "Discount", "Total")
WIDTHS = (28, 62, 22, 26, 20, 28)
NUMERIC = {2, 3, 4, 5}


def quotation_pdf(quotation: Quotation) -> bytes:
    """The quotation as a PDF document."""
    facts = [("Date", f"{quotation.created_at:%Y-%m-%d}"), ("Valid until", quotation.valid_until)]
    return _document(
        title=f"Quotation {quotation.number}",
        party=quotation.party,
        facts=facts,
        lines=quotation.lines.select_related("product"),
        total=quotation.total,
        notes=quotation.notes,
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF document."""
    facts = [
        ("Date", invoice.issued_on),
        ("Order", invoice.order.number),
        ("Due date", invoice.due_date),
    ]
    return _document(
        title=f"Invoice {invoice.number}",
        party=invoice.order.party,
        facts=facts,
        lines=invoice.lines.select_related("product"),
        total=invoice.total,
        notes=f"Please pay by {invoice.due_date}, quoting {invoice.number}.",
    )


def store_pdf(record: Quotation | Invoice, content: bytes) -> None:
    """Save `content` as the record's `pdf` file; an older file goes once this commits."""
    old = record.pdf.name
    record.pdf.save(f"{record.number}.pdf", ContentFile(content), save=False)
    record.save(update_fields=["pdf"])
    if old and old != record.pdf.name:
        storage = record.pdf.storage
        transaction.on_commit(lambda: storage.delete(old))


def _text(value) -> str:
    text = str(value).translate(TYPOGRAPHY).replace("€", "EUR")
    return text.encode("latin-1", "replace").decode("latin-1")


def _document(*, title: str, party, facts, lines, total: Decimal, notes: str) -> bytes:
    currency = party.price_list.currency if party.price_list_id else "EUR"
    pdf = FPDF(format="A4")
    pdf.set_title(_text(title))
    pdf.set_author(_text(_company()))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, _text(_company()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, _text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    for label, value in facts:
        pdf.cell(0, 5, _text(f"{label}: {value}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5, "To:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 5, _text(party.name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if party.tax_id:
        pdf.cell(0, 5, _text(f"Tax id: {party.tax_id}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    _lines_table(pdf, lines, currency)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(sum(WIDTHS[:-1]), 8, "Total", align="R")
    pdf.cell(WIDTHS[-1], 8, _text(f"{total} {currency}"), align="R")
    pdf.ln(12)
    if notes:
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, _text(notes))
    return bytes(pdf.output())


def _lines_table(pdf: FPDF, lines, currency: str) -> None:
    pdf.set_font("Helvetica", "B", 9)
    for index, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        pdf.cell(width, 7, name, border="B", align="R" if index in NUMERIC else "L")
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for line in lines:
        row = (
            line.product.sku,
            line.product.name[:38],
            f"{line.quantity.normalize():f} {line.product.unit}",
            f"{line.unit_price}",
            f"{line.discount_percent} %" if line.discount_percent else "",
            f"{line.total}",
        )
        for index, (value, width) in enumerate(zip(row, WIDTHS, strict=True)):
            pdf.cell(width, 6, _text(value), align="R" if index in NUMERIC else "L")
        pdf.ln()
    pdf.cell(sum(WIDTHS), 2, "", border="T", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, _text(f"Prices in {currency}."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _company() -> str:
    return settings.HYPERCRM.get("COMPANY_NAME", "HyperCRM")
