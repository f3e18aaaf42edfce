"""The layout every document PDF shares: the company's letterhead, the addressee, the facts,
the lines with their tax, the totals per rate, the notes, and the company's bank details at
the foot of each page.

Amounts are in the document's own currency (`record.currency`); when that is not the
company's, the exchange rate the document stores is printed under the totals ("1 USD =
0,9213 € on 5 December 2026"). Labels, dates and numbers follow the active language.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from processes.catalog.units import unit_symbol
from processes.common import pdf_fonts
from processes.common.money import company_currency, format_money
from processes.common.taxes import tax_breakdown
from processes.company.models import CompanyDetails
from processes.company.selectors import company_details

logger = logging.getLogger(__name__)

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
LOGO_HEIGHT = 16  # mm
FOOTER_HEIGHT = 14  # mm kept free at the foot of each page for the bank details


@dataclass
class Document:
    """What one PDF says: `party` is the customer or supplier it goes to."""

    title: str
    party: object
    facts: Sequence[tuple[str, str]]
    lines: Sequence[object]
    record: object  # net_total, total, currency, exchange_rate, exchange_rate_date
    notes: str = ""
    addressee_label: str = ""
    # The addressee's address as printed, one line each (processes/crm/addresses.py).
    address: Sequence[str] = ()
    # A customer's exemption mention (export, reverse charge); not on what the company buys.
    exemption_mention: bool = True
    # Drawn instead of the priced lines and totals (a delivery note's quantities).
    body: Callable[[FPDF], None] | None = None


def render(document: Document) -> bytes:
    """The document as PDF bytes, with the company's details as they are now."""
    company = company_details()
    logo = _logo(company)
    return pdf_fonts.render(lambda pdf: _draw(pdf, document, company, logo))


def day(value) -> str:
    """A date in the active language's format ("6 décembre 2026"); "" when there is none."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT") if isinstance(value, date) else str(value)


def percent(rate: Decimal) -> str:
    return f"{formats.number_format(Decimal(rate).normalize())} %"


def exchange_rate_note(record) -> str:
    """ "Exchange rate: 1 USD = 0,9213 € on 5 December 2026", or "" in the company currency."""
    currency, home = str(record.currency).upper(), company_currency()
    if currency == home:
        return ""
    values = {
        "currency": currency,
        "rate": format_money(record.exchange_rate, home, digits=False),
    }
    if record.exchange_rate_date:
        values["date"] = day(record.exchange_rate_date)
        return _("Exchange rate: 1 %(currency)s = %(rate)s on %(date)s.") % values
    return _("Exchange rate: 1 %(currency)s = %(rate)s.") % values


def company_lines(company: CompanyDetails) -> list[str]:
    """The letterhead's lines under the company's name."""
    rows = [line.strip() for line in (company.address or "").splitlines() if line.strip()]
    if company.tax_id:
        rows.append(_("VAT id: %(tax_id)s") % {"tax_id": company.tax_id})
    if company.registration_number:
        rows.append(_("Registration number: %(number)s") % {"number": company.registration_number})
    contact = " · ".join(value for value in (company.email, company.phone) if value)
    if contact:
        rows.append(contact)
    return rows


def bank_line(company: CompanyDetails) -> str:
    """ "Bank: Crédit Agricole · IBAN FR76 3000 … · BIC AGRIFRPP", or "" without a bank."""
    parts = []
    if company.bank_name:
        parts.append(_("Bank: %(bank)s") % {"bank": company.bank_name})
    if company.iban:
        grouped = " ".join(company.iban[i : i + 4] for i in range(0, len(company.iban), 4))
        parts.append(f"IBAN {grouped}")
    if company.bic:
        parts.append(f"BIC {company.bic}")
    return " · ".join(parts)


def _text(value) -> str:
    return "" if value is None else str(value)


def _logo(company: CompanyDetails) -> BytesIO | None:
    if not company.logo:
        return None
    try:
        with company.logo.open("rb") as stream:
            return BytesIO(stream.read())
    except OSError as error:  # a logo file gone from the storage: the document goes without
        logger.warning("The company logo %s cannot be read: %s", company.logo.name, error)
        return None


def _draw(pdf: FPDF, document: Document, company: CompanyDetails, logo: BytesIO | None) -> None:
    pdf.set_title(_text(document.title))
    pdf.set_author(_text(company.legal_name))
    pdf.set_auto_page_break(True, margin=FOOTER_HEIGHT + 6)
    bank = bank_line(company)
    pdf.footer = lambda: _footer(pdf, company, bank)  # type: ignore[method-assign]
    pdf.add_page()
    _letterhead(pdf, company, logo)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, _text(document.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    for label, value in document.facts:
        pdf.cell(0, 5, _text(f"{label}: {value}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    _addressee(pdf, document)
    pdf.ln(6)
    if document.body is not None:
        document.body(pdf)
    else:
        currency = str(document.record.currency).upper()
        _lines_table(pdf, document.lines, currency)
        _totals(pdf, document.lines, document.record, currency)
    mention = _exemption_mention(document.party) if document.exemption_mention else ""
    if mention:
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 5, mention, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    if document.notes:
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 5, _text(document.notes))


def _letterhead(pdf: FPDF, company: CompanyDetails, logo: BytesIO | None) -> None:
    top = pdf.get_y()
    if logo is not None:
        try:
            pdf.image(
                logo,
                x=pdf.w - pdf.r_margin - 50,
                y=top,
                w=50,
                h=LOGO_HEIGHT,
                keep_aspect_ratio=True,
            )
        except (OSError, ValueError, RuntimeError) as error:
            logger.warning("The company logo cannot be drawn: %s", error)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(120, 6, _text(company.legal_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 8)
    for row in company_lines(company):
        pdf.cell(120, 4, _text(row), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if logo is not None:
        pdf.set_y(max(pdf.get_y(), top + LOGO_HEIGHT))


def _addressee(pdf: FPDF, document: Document) -> None:
    party = document.party
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 5, document.addressee_label or _("To:"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 5, _text(getattr(party, "name", "")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in document.address:
        pdf.cell(0, 5, _text(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    tax_id = getattr(party, "tax_id", "")
    if tax_id:
        pdf.cell(
            0,
            5,
            _("Tax id: %(tax_id)s") % {"tax_id": tax_id},
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _footer(pdf: FPDF, company: CompanyDetails, bank: str) -> None:
    pdf.set_y(-FOOTER_HEIGHT - 2)
    pdf.set_font(FONT, "", 7)
    identity = " · ".join(
        value
        for value in (
            company.legal_name,
            _("VAT id: %(tax_id)s") % {"tax_id": company.tax_id} if company.tax_id else "",
            _("Registration number: %(number)s") % {"number": company.registration_number}
            if company.registration_number
            else "",
        )
        if value
    )
    pdf.cell(0, 4, _text(identity), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if bank:
        pdf.cell(0, 4, _text(bank), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _lines_table(pdf: FPDF, lines, currency: str) -> None:
    pdf.set_font(FONT, "B", 9)
    for index, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        pdf.cell(width, 7, str(name), border="B", align="R" if index in NUMERIC else "L")
    pdf.ln()
    pdf.set_font(FONT, "", 9)
    for line in lines:
        discount = getattr(line, "discount_percent", None)
        row = (
            line.product.sku,
            line.product.name[:30],
            f"{formats.number_format(line.quantity.normalize())} {unit_symbol(line.product.unit)}",
            format_money(line.unit_price, currency),
            percent(discount) if discount else "",
            percent(line.tax_rate),
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


def _totals(pdf: FPDF, lines, record, currency: str) -> None:
    """Net, the tax at each rate (on its net) and the gross, each rounded as docs/taxes.md says."""
    # The value column is wider than the lines' last one: a bold gross in dollars fits.
    label_width, value_width = sum(WIDTHS[:-1]) - 10, WIDTHS[-1] + 10
    pdf.set_font(FONT, "", 10)
    pdf.cell(label_width, 6, _("Net total"), align="R")
    pdf.cell(value_width, 6, format_money(record.net_total, currency), align="R")
    pdf.ln()
    for row in tax_breakdown(lines):
        label = _("Tax %(rate)s on %(net)s") % {
            "rate": percent(row["rate"]),
            "net": format_money(row["net"], currency),
        }
        pdf.cell(label_width, 6, label, align="R")
        pdf.cell(value_width, 6, format_money(row["tax"], currency), align="R")
        pdf.ln()
    pdf.set_font(FONT, "B", 11)
    pdf.cell(label_width, 8, _("Total including tax"), align="R")
    pdf.cell(value_width, 8, format_money(record.total, currency), align="R")
    pdf.ln()
    rate = exchange_rate_note(record)
    if rate:
        pdf.set_font(FONT, "", 8)
        pdf.cell(0, 5, rate, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)


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
