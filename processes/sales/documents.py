"""The quotation and invoice documents, as PDF (fpdf2), and storing them with their record.

The text is set in DejaVu Sans (processes/common/pdf_fonts.py: Latin, Greek, Cyrillic and
more), so a customer's name prints as written: "ООО Ромашка", "Société Générale".
Labels, dates and amounts follow the language active when the document is made
(docs/i18n.md): "1 234,56 €" in French, "1 234,56 ₽" in Russian.
"""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from processes.common import pdf_fonts
from processes.common.money import format_money
from processes.sales.models import CreditNote, Invoice, Quotation
from processes.sales.selectors import currency_of
from processes.sales.services.taxes import tax_breakdown

FONT = pdf_fonts.FAMILY
COLUMNS = (
    gettext_lazy("SKU"),
    gettext_lazy("Product"),
    gettext_lazy("Quantity"),
    gettext_lazy("Unit price"),
    gettext_lazy("Discount"),
    gettext_lazy("Tax"),
    gettext_lazy("Net"),
)
WIDTHS = (26, 54, 22, 26, 18, 14, 28)
NUMERIC = {2, 3, 4, 5, 6}


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
        lines=list(quotation.lines.select_related("product")),
        record=quotation,
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
        lines=list(invoice.lines.select_related("product")),
        record=invoice,
        notes=_("Please pay by %(date)s, quoting %(number)s.")
        % {"date": _day(invoice.due_date), "number": invoice.number},
    )


def credit_note_pdf(credit_note: CreditNote) -> bytes:
    """The credit note as a PDF document: the invoice's lines and amounts, reversed."""
    invoice = credit_note.invoice
    facts = [
        (_("Date"), _day(credit_note.issued_on)),
        (_("Invoice"), invoice.number),
        (_("Invoice date"), _day(invoice.issued_on)),
    ]
    notes = _("This credit note cancels invoice %(number)s: nothing is owed on it.") % {
        "number": invoice.number
    }
    if credit_note.note:
        notes = f"{notes}\n{credit_note.note}"
    return _document(
        title=_("Credit note %(number)s") % {"number": credit_note.number},
        party=invoice.order.party,
        facts=facts,
        lines=list(credit_note.lines.select_related("product")),
        record=credit_note,
        notes=notes,
    )


def store_pdf(record: Quotation | Invoice | CreditNote, content: bytes) -> None:
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


def _document(*, title: str, party, facts, lines, record, notes: str) -> bytes:
    currency = currency_of(party)
    return pdf_fonts.render(
        lambda pdf: _draw(
            pdf,
            title=title,
            party=party,
            facts=facts,
            lines=lines,
            record=record,
            notes=notes,
            currency=currency,
        )
    )


def _draw(pdf: FPDF, *, title: str, party, facts, lines, record, notes: str, currency: str):
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
    _totals(pdf, lines, record, currency)
    mention = _exemption_mention(party)
    if mention:
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 5, mention, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    if notes:
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 5, _text(notes))


def _lines_table(pdf: FPDF, lines, currency: str) -> None:
    pdf.set_font(FONT, "B", 9)
    for index, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        pdf.cell(width, 7, str(name), border="B", align="R" if index in NUMERIC else "L")
    pdf.ln()
    pdf.set_font(FONT, "", 9)
    for line in lines:
        row = (
            line.product.sku,
            line.product.name[:30],
            f"{formats.number_format(line.quantity.normalize())} {line.product.unit}",
            format_money(line.unit_price, currency),
            f"{formats.number_format(line.discount_percent.normalize())} %"
            if line.discount_percent
            else "",
            _percent(line.tax_rate),
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


def _percent(rate: Decimal) -> str:
    return f"{formats.number_format(rate.normalize())} %"


def _totals(pdf: FPDF, lines, record, currency: str) -> None:
    """Net, the tax at each rate (on its net) and the gross, each rounded as docs/taxes.md says."""
    label_width, value_width = sum(WIDTHS[:-1]), WIDTHS[-1]
    pdf.set_font(FONT, "", 10)
    pdf.cell(label_width, 6, _("Net total"), align="R")
    pdf.cell(value_width, 6, format_money(record.net_total, currency), align="R")
    pdf.ln()
    for row in tax_breakdown(lines):
        label = _("Tax %(rate)s on %(net)s") % {
            "rate": _percent(row["rate"]),
            "net": format_money(row["net"], currency),
        }
        pdf.cell(label_width, 6, label, align="R")
        pdf.cell(value_width, 6, format_money(row["tax"], currency), align="R")
        pdf.ln()
    pdf.set_font(FONT, "B", 11)
    pdf.cell(label_width, 8, _("Total including tax"), align="R")
    pdf.cell(value_width, 8, format_money(record.total, currency), align="R")
    pdf.ln(12)


def _exemption_mention(party) -> str:
    """The legal mention an exempt customer's documents carry."""
    mentions = {
        "export": _("VAT exempt: export of goods (Article 146 of Directive 2006/112/EC)."),
        "reverse_charge": _(
            "Reverse charge: VAT to be accounted for by the customer "
            "(Article 196 of Directive 2006/112/EC)."
        ),
    }
    return mentions.get(getattr(party, "tax_exemption", ""), "")


def _company() -> str:
    return settings.HYPERCRM.get("COMPANY_NAME", "HyperCRM")
