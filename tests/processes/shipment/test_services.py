from decimal import Decimal

import pytest

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition
from processes.inventory.models import Reservation, StockLevel
from processes.sales import services as sales
from processes.sales.models import SalesOrder
from processes.shipment import services
from processes.shipment.selectors import shipment_list
from tests.processes.business import make_order, stocked
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db
D = Decimal


def level(product) -> StockLevel:
    return StockLevel.objects.get(product=product)


def test_shipping_3_of_10_leaves_7_on_hand():
    chair = stocked("CHAIR", 10)
    order = make_order((chair, 3), reserve=True)
    assert (level(chair).on_hand, level(chair).available) == (10, 7)
    shipment = services.shipment_create_for_order(order=order)
    assert (shipment.status, shipment.number) == ("to_pick", f"SH-{shipment.pk:05d}")
    line = shipment.lines.get()
    assert (line.product, line.quantity, line.warehouse.code) == (
        chair,
        3,
        level(chair).warehouse.code,
    )
    shipment = services.shipment_pick(shipment=shipment)
    shipment = services.shipment_pack(
        shipment=shipment, packages=[{"weight_kg": "12.5", "dimensions": "60x60x80"}]
    )
    assert shipment_list().get(pk=shipment.pk).weight_kg == D("12.500")
    shipment = services.shipment_ship(shipment=shipment, carrier="DHL", tracking_number="JD0001")
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == (
        "shipped",
        "DHL",
        "JD0001",
    )
    assert (level(chair).on_hand, level(chair).reserved, level(chair).available) == (7, 0, 7)
    assert Reservation.objects.get(reference=order.number).status == "consumed"
    assert SalesOrder.objects.get(pk=order.pk).fulfilment_status == "shipped"
    shipment = services.shipment_confirm_delivery(shipment=shipment)
    assert shipment.status == "delivered" and shipment.delivered_at
    order.refresh_from_db()
    assert order.fulfilment_status == "delivered" and order.lines.get().delivered_quantity == 3


def test_each_step_is_refused_from_the_wrong_status():
    order = make_order((stocked("CHAIR", 5), 1), reserve=True)
    shipment = services.shipment_create_for_order(order=order)
    for step, kwargs in (
        (services.shipment_pack, {"packages": [{"weight_kg": 1}]}),
        (services.shipment_ship, {"carrier": "UPS"}),
        (services.shipment_confirm_delivery, {}),
    ):
        with pytest.raises(InvalidTransition) as refused:
            step(shipment=shipment, **kwargs)
        assert refused.value.status_code == 409
    services.shipment_pick(shipment=shipment)
    with pytest.raises(InvalidData):
        services.shipment_pack(shipment=shipment, packages=[])
    with pytest.raises(InvalidData):
        services.shipment_pack(shipment=shipment, packages=[{"weight_kg": 0}])
    services.shipment_pack(shipment=shipment, packages=[{"weight_kg": 2}])
    with pytest.raises(InvalidData):
        services.shipment_ship(shipment=shipment, carrier=" ")


def test_only_reserved_stock_not_yet_in_a_shipment_is_shipped():
    main = make_warehouse("WH1")
    desk = make_product("DESK")
    stock(desk, main, 2)
    draft = make_order((desk, 1))
    with pytest.raises(InvalidTransition):
        services.shipment_create_for_order(order=draft)
    order = make_order((desk, 5), reserve=True)
    first = services.shipment_create_for_order(order=order)
    assert first.lines.get().quantity == 2
    with pytest.raises(InvalidTransition):
        services.shipment_create_for_order(order=order)  # nothing new reserved
    stock(desk, main, 3)
    sales.order_reserve_stock(order=order)
    second = services.shipment_create_for_order(order=order)
    assert second.lines.get().quantity == 3
    for shipment in (first, second):
        services.shipment_pick(shipment=shipment)
        services.shipment_pack(shipment=shipment, packages=[{"weight_kg": 5}])
    services.shipment_ship(shipment=first, carrier="DHL")
    assert SalesOrder.objects.get(pk=order.pk).fulfilment_status == "partially_shipped"
    services.shipment_ship(shipment=second, carrier="DHL")
    assert SalesOrder.objects.get(pk=order.pk).fulfilment_status == "shipped"
    assert level(desk).on_hand == 0


def test_an_order_with_a_shipment_cannot_be_cancelled():
    order = make_order((stocked("CHAIR", 5), 1), reserve=True)
    services.shipment_create_for_order(order=order)
    with pytest.raises(InvalidTransition):
        sales.order_cancel(order=order)


def test_shipping_and_delivery_hand_back_the_order_with_its_new_status():
    order = make_order((stocked("CHAIR", 10), 3), reserve=True)
    shipment = services.shipment_pick(shipment=services.shipment_create_for_order(order=order))
    shipment = services.shipment_pack(shipment=shipment, packages=[{"weight_kg": 5}])
    shipped = services.shipment_ship(shipment=shipment, carrier="DHL")
    assert shipped.order.fulfilment_status == "shipped"
    assert SalesOrder.objects.get(pk=order.pk).fulfilment_status == "shipped"
    delivered = services.shipment_confirm_delivery(shipment=shipped)
    assert delivered.order.fulfilment_status == "delivered"
    assert SalesOrder.objects.get(pk=order.pk).fulfilment_status == "delivered"


def test_a_shipment_still_in_the_warehouse_is_picked_again_and_its_packages_unmade():
    chair = stocked("CHAIR", 10)
    order = make_order((chair, 3), reserve=True)
    shipment = services.shipment_pick(shipment=services.shipment_create_for_order(order=order))
    shipment = services.shipment_pack(shipment=shipment, packages=[{"weight_kg": 5}] * 2)
    again = services.shipment_pick(shipment=shipment)
    assert (again.status, again.packed_at, again.packages.count()) == ("picked", None, 0)
    assert (level(chair).on_hand, level(chair).available) == (10, 7)  # nothing left yet
    again = services.shipment_pack(shipment=again, packages=[{"weight_kg": 7}])
    shipped = services.shipment_ship(shipment=again, carrier="DHL")
    assert [p.weight_kg for p in shipped.packages.all()] == [D("7.000")]
    assert (level(chair).on_hand, level(chair).reserved) == (7, 0)  # issued once
    with pytest.raises(InvalidTransition) as refused:
        services.shipment_pick(shipment=shipped)
    assert shipped.number in str(refused.value)
    assert shipped.packages.count() == 1
