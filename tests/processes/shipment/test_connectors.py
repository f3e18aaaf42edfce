"""The shipment connectors, called as the engine calls them: handler(params, data=...)."""

import pytest

from engine.connectors import ConnectorError, get_connector
from processes.inventory.models import StockLevel
from tests.processes.business import make_order, stocked

pytestmark = pytest.mark.django_db


def call(name: str, params: dict | None = None, **data):
    return get_connector(name)(params or {}, data=data)


def test_pick_to_delivered_through_the_connectors():
    chair = stocked("CHAIR", 10)
    order = make_order((chair, 3), reserve=True)
    created = call("shipment.create", order_id=order.pk)
    assert created["lines"] == 1 and created["shipment_number"].startswith("SH-")
    ids = {"shipment_id": created["shipment_id"]}
    assert call("shipment.pick", ids) == {"status": "picked"}
    packed = call("shipment.pack", {**ids, "packages": [{"weight_kg": 4}, {"weight_kg": "1.5"}]})
    assert packed == {"status": "packed", "packages": 2, "weight_kg": "5.500"}
    shipped = call("shipment.ship", {**ids, "carrier": "GLS", "tracking_number": "G-1"})
    assert shipped == {"status": "shipped", "fulfilment_status": "shipped"}
    assert StockLevel.objects.get(product=chair).on_hand == 7
    delivered = call("shipment.confirm_delivery", ids)
    assert delivered == {
        "status": "delivered",
        "fulfilment_status": "delivered",
        "order_status": "confirmed",
    }
    with pytest.raises(ConnectorError) as refused:
        call("shipment.pick", ids)
    assert (refused.value.code, refused.value.retryable) == ("invalid_transition", False)


# Queries of each step, savepoints included: a step reads each record it needs once; the
# audit log adds, per record saved, one read of the row as it was and one entry.
QUERIES = {
    "shipment.create": 16,
    "shipment.pick": 10,
    "shipment.pack": 12,
    "shipment.ship": 29,
    "shipment.confirm_delivery": 22,
}


def test_each_step_keeps_to_its_queries(django_assert_max_num_queries):
    order = make_order((stocked("CHAIR", 10), 3), reserve=True)

    def counted(name, params):
        with django_assert_max_num_queries(QUERIES[name]):
            return call(name, params)

    ids = {"shipment_id": counted("shipment.create", {"order_id": order.pk})["shipment_id"]}
    counted("shipment.pick", ids)
    counted("shipment.pack", {**ids, "packages": [{"weight_kg": 4}]})
    counted("shipment.ship", {**ids, "carrier": "GLS"})
    delivered = counted("shipment.confirm_delivery", ids)
    assert delivered["fulfilment_status"] == "delivered"


def test_nothing_reserved_nothing_to_ship():
    order = make_order((stocked("CHAIR", 1), 2), confirm=True)
    with pytest.raises(ConnectorError) as refused:
        call("shipment.create", {"order_id": order.pk})
    assert refused.value.code == "invalid_transition"
