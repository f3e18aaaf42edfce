"""A shipment's delivery note as a PDF, made when asked (not stored): the sales documents'
layout (processes/common/document_pdf.py) — the company's letterhead, the customer's
delivery address (its default delivery address, else its billing one), the lines and their
quantities without prices, the packages, and a line for the receiver to sign — in the
active language."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from processes.catalog.units import unit_symbol
from processes.common.document_pdf import FONT, Document, day, render
from processes.crm.addresses import address_lines, default_address
from processes.crm.models import Address
from processes.shipment.models import Shipment

COLUMNS = (gettext_lazy("SKU"), gettext_lazy("Product"), gettext_lazy("Quantity"))
WIDTHS = (36, 118, 34)


def delivery_note_pdf(shipment: Shipment) -> bytes:
    """The shipment's delivery note as a PDF document."""
    order = shipment.order
    party = order.party
    facts = [
        (_("Date"), day(shipment.shipped_at or shipment.created_at)),
        (_("Order"), order.number),
    ]
    if shipment.carrier:
        carrier = " ".join(part for part in (shipment.carrier, shipment.tracking_number) if part)
        facts.append((_("Carrier"), carrier))
    lines = list(shipment.lines.select_related("product").order_by("id"))
    return render(
        Document(
            title=_("Delivery note %(number)s") % {"number": shipment.number},
            party=party,
            address=address_lines(default_address(party, Address.Kind.DELIVERY)),
            facts=facts,
            lines=lines,
            record=shipment,
            addressee_label=_("Deliver to:"),
            exemption_mention=False,
            body=lambda pdf: _quantities(pdf, lines, shipment),
        )
    )


def _quantities(pdf: FPDF, lines, shipment: Shipment) -> None:
    pdf.set_font(FONT, "B", 9)
    for index, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        pdf.cell(width, 7, str(name), border="B", align="R" if index == 2 else "L")
    pdf.ln()
    pdf.set_font(FONT, "", 9)
    for line in lines:
        quantity = f"{formats.number_format(line.quantity.normalize())} "
        row = (line.product.sku, line.product.name[:70], quantity + unit_symbol(line.product.unit))
        for index, (value, width) in enumerate(zip(row, WIDTHS, strict=True)):
            pdf.cell(width, 6, str(value), align="R" if index == 2 else "L")
        pdf.ln()
    pdf.cell(sum(WIDTHS), 2, "", border="T", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    packages = shipment.packages.aggregate(count=Count("id"), weight=Sum("weight_kg"))
    if packages["count"]:
        text = ngettext(
            "%(count)s package, %(weight)s kg in all.",
            "%(count)s packages, %(weight)s kg in all.",
            packages["count"],
        ) % {
            "count": packages["count"],
            "weight": formats.number_format(Decimal(str(packages["weight"] or 0)).normalize()),
        }
        pdf.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if shipment.notes:
        pdf.ln(2)
        pdf.multi_cell(0, 5, shipment.notes, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(12)
    pdf.set_font(FONT, "", 9)
    pdf.cell(95, 6, _("Received in good order by:"), border="T")
    pdf.cell(10, 6, "")
    pdf.cell(0, 6, _("Date and signature:"), border="T", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
