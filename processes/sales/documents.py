"""The quotation and invoice documents, as PDF (fpdf2), and storing them with their record.

The text is set in DejaVu Sans, shipped in processes/common/fonts/ (Latin, Greek, Cyrillic
and more), so a customer's name prints as written: "ООО Ромашка", "Société Générale".
Labels, dates and amounts follow the language active when the document is made
(docs/i18n.md): "1 234,56 €" in French, "1 234,56 ₽" in Russian.
"""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from processes.common.money import format_money
from processes.sales.models import Invoice, Quotation

FONTS = Path(__file__).resolve().parent.parent / "common" / "fonts"
FONT = "DejaVuSans"
COLUMNS = (
    gettext_lazy("SKU"),
    gettext_lazy("Product"),
    gettext_lazy("Quantity"),
    gettext_lazy("Unit price"),
    gettext_lazy("Discount"),
    gettext_lazy("Total"),
)
WIDTHS = (28, 62, 22, 26, 20, 28)
NUMERIC = {2, 3, 4, 5}


def quotation_pdf(quotation: Quotation) -> bytes:
    """The quotation as a PDF document."""
    facts = [
        (_("Date"), _day(quotation.created_at)),
        (_("Valid until"), _day(quotation.valid_until)),
    ]
    return _document(
        title=_("Quotation %(number)s") % {"number": quotation.number},
        party=quotation.party,
        facts=facts,
        lines=quotation.lines.select_related("product"),
        total=quotation.total,
        notes=quotation.notes,
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF document."""
    facts = [
        (_("Date"), _day(invoice.issued_on)),
        (_("Order"), invoice.order.number),
        (_("Due date"), _day(invoice.due_date)),
    ]
    return _document(
        title=_("Invoice %(number)s") % {"number": invoice.number},
        party=invoice.order.party,
        facts=facts,
        lines=invoice.lines.select_related("product"),
        total=invoice.total,
        notes=_("Please pay by %(date)s, quoting %(number)s.")
        % {"date": _day(invoice.due_date), "number": invoice.number},
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
    return "" if value is None else str(value)


def _day(value) -> str:
    """A date in the active language's format ("6 décembre 2026"); "" when there is none."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT") if isinstance(value, date) else str(value)


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    return pdf


def _document(*, title: str, party, facts, lines, total: Decimal, notes: str) -> bytes:
    currency = party.price_list.currency if party.price_list_id else "EUR"
    pdf = _pdf()
    pdf.set_title(_text(title))
    pdf.set_author(_text(_company()))
    pdf.add_page()
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, _text(_company()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, _text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    for label, value in facts:
        pdf.cell(0, 5, _text(f"{label}: {value}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 5, _("To:"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 5, _text(party.name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if party.tax_id:
        pdf.cell(
            0,
            5,
            _("Tax id: %(tax_id)s") % {"tax_id": party.tax_id},
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.ln(6)
    _lines_table(pdf, lines, currency)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(sum(WIDTHS[:-1]), 8, _("Total"), align="R")
    pdf.cell(WIDTHS[-1], 8, format_money(total, currency), align="R")
    pdf.ln(12)
    if notes:
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 5, _text(notes))
    return bytes(pdf.output())


def _lines_table(pdf: FPDF, lines, currency: str) -> None:
    pdf.set_font(FONT, "B", 9)
    for index, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        pdf.cell(width, 7, str(name), border="B", align="R" if index in NUMERIC else "L")
    pdf.ln()
    pdf.set_font(FONT, "", 9)
    for line in lines:
        row = (
            line.product.sku,
            line.product.name[:38],
            f"{formats.number_format(line.quantity.normalize())} {line.product.unit}",
            format_money(line.unit_price, currency),
            f"{formats.number_format(line.discount_percent.normalize())} %"
            if line.discount_percent
            else "",
            format_money(line.total, currency),
        )
        for index, (value, width) in enumerate(zip(row, WIDTHS, strict=True)):
            pdf.cell(width, 6, _text(value), align="R" if index in NUMERIC else "L")
        pdf.ln()
    pdf.cell(sum(WIDTHS), 2, "", border="T", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 8)
    pdf.cell(
        0,
        5,
        _("Prices in %(currency)s.") % {"currency": currency},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _company() -> str:
    return settings.HYPERCRM.get("COMPANY_NAME", "HyperCRM")
