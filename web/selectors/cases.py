"""What a case is called on the pages: "SO-00008 · Acme Ltd · 2,540.30 €".

A case's business key is its document's number (engine/services/case_names.py); the
document adds who it is for and how much. Read in one query per kind of document, so a
page of fifty tasks costs at most four more queries.
"""

from django.utils.translation import gettext as _

from processes.catalog.units import unit_symbol
from processes.common.money import format_money
from processes.procurement.models import PurchaseOrder
from processes.production.models import ManufacturingOrder
from processes.sales.models import SalesOrder
from processes.shipment.models import Shipment

from .context import quantity


def _sales(numbers) -> dict[str, str]:
    orders = SalesOrder.objects.filter(number__in=numbers).select_related("party")
    return {
        o.number: f"{o.number} · {o.party.name} · {format_money(o.total, o.currency)}"
        for o in orders
    }


def _purchases(numbers) -> dict[str, str]:
    orders = PurchaseOrder.objects.filter(number__in=numbers).select_related("supplier")
    return {
        o.number: " · ".join(
            part
            for part in (
                o.number,
                o.supplier.name if o.supplier_id else "",
                format_money(o.total, o.currency),
            )
            if part
        )
        for o in orders
    }


def _production(numbers) -> dict[str, str]:
    orders = ManufacturingOrder.objects.filter(number__in=numbers).select_related("product")
    return {
        o.number: f"{o.number} · {o.product.name} · "
        + _("%(quantity)s %(unit)s")
        % {"quantity": quantity(o.quantity), "unit": unit_symbol(o.product.unit)}
        for o in orders
    }


def _shipments(numbers) -> dict[str, str]:
    shipments = Shipment.objects.filter(number__in=numbers).select_related("order__party")
    found = {s.number: f"{s.number} · {s.order.number} · {s.order.party.name}" for s in shipments}
    # A shipment the sales process asked for is known by its order's number.
    missing = [n for n in numbers if n not in found]
    if missing:
        for order in SalesOrder.objects.filter(number__in=missing).select_related("party"):
            found[order.number] = f"{order.number} · {order.party.name}"
    return found


READERS = {
    "sales": _sales,
    "procurement": _purchases,
    "production": _production,
    "shipment": _shipments,
}


def case_titles(instances) -> dict[int, str]:
    """{instance id: title} for the given instances: the business key with its document's
    party and amount when the document is known, else the key alone ("" without a key)."""
    by_process: dict[str, set[str]] = {}
    for instance in instances:
        if instance.business_key:
            by_process.setdefault(instance.definition.key, set()).add(instance.business_key)
    found: dict[str, dict[str, str]] = {}
    for key, numbers in by_process.items():
        reader = READERS.get(key)
        found[key] = reader(sorted(numbers)) if reader else {}
    return {
        instance.pk: found.get(instance.definition.key, {}).get(
            instance.business_key, instance.business_key
        )
        for instance in instances
    }
