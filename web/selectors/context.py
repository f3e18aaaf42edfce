"""What a task page shows of the case's documents: one panel per kind of document.

A panel names records by name, money with its currency, quantities without trailing
zeros and documents as links to their PDF. Which panels a task shows: the ones its form's
UI schema lists under "ui:context" (docs/modeling.md), else every document the case has.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from processes.catalog.units import unit_symbol
from processes.common.money import format_money
from processes.procurement.models import PurchaseOrder
from processes.production.models import ManufacturingOrder
from processes.sales.models import SalesOrder
from processes.shipment.models import Shipment


@dataclass
class Panel:
    kind: str
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    link: str = ""  # the record's page
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    totals: list[tuple[str, str]] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def quantity(amount, unit: str = "") -> str:
    """12.000 → "12", 2.500 → "2.5" (in the person's format), with its unit's symbol in the
    person's language when given ("pcs", "шт.")."""
    text = number_format(amount, decimal_pos=3, use_l10n=True, force_grouping=True)
    decimal = number_format(0.5, decimal_pos=1, use_l10n=True)[1]
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return f"{text} {unit_symbol(unit)}" if unit else text


def _status(axis: str, code: str) -> str:
    """A document's status in the person's language, as the document pages say it."""
    from web.selectors.documents import STATUSES

    return str(STATUSES.get(axis, {}).get(code, code))


def _id(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _nested(variables: dict, name: str, key: str) -> int | None:
    found = variables.get(name)
    return _id(found.get(key)) if isinstance(found, dict) else None


def _pdf(variables: dict, name: str) -> str:
    found = variables.get(name)
    url = found.get("pdf_url") if isinstance(found, dict) else None
    return url if isinstance(url, str) and url.startswith("/") else ""


def _sales_order(variables: dict) -> Panel | None:
    pk = _nested(variables, "order", "order_id") or _id(variables.get("order_id"))
    if pk is None:
        return None
    order = (
        SalesOrder.objects.select_related("party__price_list")
        .prefetch_related("lines__product")
        .filter(pk=pk)
        .first()
    )
    if order is None:
        return None
    currency = order.currency
    panel = Panel(
        kind="sales_order",
        title=_("Order %(number)s") % {"number": order.number},
        link=reverse("web:customer", args=[order.party_id]),
        facts=[
            (_("Customer"), order.party.name),
            (_("Status"), _status("order", order.status)),
            (_("Stock"), _status("fulfilment", order.fulfilment_status)),
            (_("Billing"), _status("billing", order.billing_status)),
        ],
        columns=[_("Product"), _("Quantity"), _("Unit price"), _("Line total")],
    )
    for line in order.lines.all():
        panel.rows.append(
            [
                line.product.name,
                quantity(line.quantity, line.product.unit),
                format_money(line.unit_price, currency),
                format_money(line.total, currency),
            ]
        )
    panel.totals = [
        (_("Net"), format_money(order.net_total, currency)),
        (_("Tax"), format_money(order.tax_total, currency)),
        (_("Total"), format_money(order.total, currency)),
    ]
    if url := _pdf(variables, "quotation"):
        panel.documents.append((_("Quotation (PDF)"), url))
    if url := _pdf(variables, "invoice"):
        panel.documents.append((_("Invoice (PDF)"), url))
    return panel


def _shipment(variables: dict) -> Panel | None:
    pk = _nested(variables, "shipment", "shipment_id")
    if pk is None:
        return None
    shipment = (
        Shipment.objects.select_related("order__party")
        .prefetch_related("lines__product", "lines__warehouse")
        .filter(pk=pk)
        .first()
    )
    if shipment is None:
        return None
    panel = Panel(
        kind="shipment",
        title=_("Shipment %(number)s") % {"number": shipment.number},
        facts=[
            (_("Customer"), shipment.order.party.name),
            (_("Order"), shipment.order.number),
            (_("Status"), _status("shipment", shipment.status)),
        ],
        link=reverse("web:customer", args=[shipment.order.party_id]),
        columns=[_("Product"), _("Quantity"), _("Warehouse")],
    )
    for line in shipment.lines.all():
        panel.rows.append(
            [
                line.product.name,
                quantity(line.quantity, line.product.unit),
                line.warehouse.name,
            ]
        )
    return panel


def _purchase_order(variables: dict) -> Panel | None:
    pk = _nested(variables, "purchase_order", "purchase_order_id")
    if pk is None:
        return None
    order = (
        PurchaseOrder.objects.select_related("supplier", "warehouse")
        .prefetch_related("lines__product")
        .filter(pk=pk)
        .first()
    )
    if order is None:
        return None
    currency = order.currency
    panel = Panel(
        kind="purchase_order",
        title=_("Purchase order %(number)s") % {"number": order.number},
        facts=[
            (_("Supplier"), order.supplier.name),
            (_("Into"), order.warehouse.name),
            (_("Status"), _status("purchase", order.status)),
        ],
        columns=[_("Product"), _("Ordered"), _("Received"), _("Unit price"), _("Line total")],
    )
    for line in order.lines.all():
        unit = line.product.unit
        panel.rows.append(
            [
                line.product.name,
                quantity(line.quantity, unit),
                quantity(line.received_quantity, unit),
                format_money(line.unit_price, currency),
                format_money(line.total, currency),
            ]
        )
    panel.totals = [(_("Total"), format_money(order.total, currency))]
    return panel


def _manufacturing_order(variables: dict) -> Panel | None:
    pk = _nested(variables, "mo", "mo_id")
    if pk is None:
        return None
    mo = (
        ManufacturingOrder.objects.select_related("product", "warehouse", "bom")
        .prefetch_related("bom__lines__component")
        .filter(pk=pk)
        .first()
    )
    if mo is None:
        return None
    unit = mo.product.unit
    panel = Panel(
        kind="manufacturing_order",
        title=_("Manufacturing order %(number)s") % {"number": mo.number},
        facts=[
            (_("Product"), mo.product.name),
            (_("To make"), quantity(mo.quantity, unit)),
            (_("Made so far"), quantity(mo.produced_quantity, unit)),
            (_("Warehouse"), mo.warehouse.name),
            (_("Status"), _status("production", mo.status)),
        ],
        columns=[_("Component"), _("Per unit"), _("For this order")],
    )
    for line in mo.bom.lines.all():
        component_unit = line.component.unit
        panel.rows.append(
            [
                line.component.name,
                quantity(line.quantity, component_unit),
                quantity(line.quantity * mo.quantity, component_unit),
            ]
        )
    return panel


# The case's own document first: a shipment before the order it ships.
READERS = {
    "shipment": _shipment,
    "manufacturing_order": _manufacturing_order,
    "purchase_order": _purchase_order,
    "sales_order": _sales_order,
}


def context_panels(variables: dict, ui_schema: dict | None = None) -> list[Panel]:
    """The panels of the case's documents: those the UI schema's "ui:context" names (in
    its order; unknown kinds are skipped), else every kind the case's variables hold."""
    named = (ui_schema or {}).get("ui:context") if isinstance(ui_schema, dict) else None
    kinds = [k for k in named if k in READERS] if isinstance(named, list) else list(READERS)
    panels = []
    for kind in kinds:
        panel = READERS[kind](variables if isinstance(variables, dict) else {})
        if panel is not None:
            panels.append(panel)
    return panels
