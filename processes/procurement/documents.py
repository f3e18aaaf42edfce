"""The purchase order as a PDF for the supplier, made when asked (not stored): the same
layout as the sales documents (processes/common/document_pdf.py), in the order's currency,
with the company's details and bank, in the active language."""

from django.utils.translation import gettext as _

from processes.common.document_pdf import Document, day, render
from processes.crm.addresses import address_lines, default_address
from processes.procurement.models import PurchaseOrder


def purchase_order_pdf(order: PurchaseOrder) -> bytes:
    """The purchase order as a PDF document."""
    facts = [
        (_("Date"), day(order.created_at)),
        (_("Deliver to"), order.warehouse.name),
    ]
    if order.approved_at:
        facts.append((_("Approved on"), day(order.approved_at)))
    return render(
        Document(
            title=_("Purchase order %(number)s") % {"number": order.number},
            party=order.supplier,
            address=address_lines(default_address(order.supplier)),
            facts=facts,
            lines=list(order.lines.select_related("product")),
            record=order,
            notes=order.notes,
            addressee_label=_("Supplier:"),
            exemption_mention=False,
        )
    )
