"""Service-task handlers of the shipment process (pick-to-delivered), by connector name.

Each takes plain params (ids; a missing param is looked up in the process data, where
the shipment is `shipment_id` and the sales order `order_id`) and answers a JSON-ready
dict. See processes/common/connectors.py for the errors.
"""

from processes.common.connectors import as_id, value
from processes.ownership.services import document_claim
from processes.sales.models import SalesOrder
from processes.shipment import services
from processes.shipment.models import Shipment


def _shipment(params, data) -> Shipment:
    return Shipment.objects.get(pk=as_id(value(params, data, "shipment_id")))


def create(params: dict, *, data: dict) -> dict:
    """{order_id} → {shipment_id, shipment_number, lines}"""
    order = SalesOrder.objects.get(pk=as_id(value(params, data, "order_id")))
    shipment = services.shipment_create_for_order(order=order)
    document_claim(document=shipment)
    lines = shipment.lines.count()
    return {"shipment_id": shipment.pk, "shipment_number": shipment.number, "lines": lines}


def pick(params: dict, *, data: dict) -> dict:
    """{shipment_id} → {status}"""
    return {"status": services.shipment_pick(shipment=_shipment(params, data)).status}


def pack(params: dict, *, data: dict) -> dict:
    """{shipment_id, packages: [{weight_kg, dimensions?}]} → {status, packages, weight_kg}"""
    packages = value(params, data, "packages")
    shipment = services.shipment_pack(shipment=_shipment(params, data), packages=packages)
    weight = sum(p.weight_kg for p in shipment.packages.all())
    return {"status": shipment.status, "packages": len(packages), "weight_kg": str(weight)}


def ship(params: dict, *, data: dict) -> dict:
    """{shipment_id, carrier, tracking_number?} → {status, fulfilment_status}"""
    shipment = services.shipment_ship(
        shipment=_shipment(params, data),
        carrier=str(value(params, data, "carrier")),
        tracking_number=str(value(params, data, "tracking_number", "")),
    )
    return {"status": shipment.status, "fulfilment_status": shipment.order.fulfilment_status}


def confirm_delivery(params: dict, *, data: dict) -> dict:
    """{shipment_id} → {status, fulfilment_status, order_status}"""
    shipment = services.shipment_confirm_delivery(shipment=_shipment(params, data))
    order = shipment.order
    return {
        "status": shipment.status,
        "fulfilment_status": order.fulfilment_status,
        "order_status": order.status,
    }


CONNECTORS = {
    "shipment.create": create,
    "shipment.pick": pick,
    "shipment.pack": pack,
    "shipment.ship": ship,
    "shipment.confirm_delivery": confirm_delivery,
}
