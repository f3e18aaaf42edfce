from decimal import Decimal

import pytest

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition
from processes.inventory.models import Reservation, StockLevel
from processes.sales import services
from processes.sales.models import SalesOrder
from tests.processes.business import make_order, stocked
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db
D = Decimal


def test_an_order_is_priced_numbered_and_confirmed():
    chair = make_product("CHAIR", list_price=D("349.00"))
    order = make_order((chair, 2, D("5")))
    assert (order.status, order.total, order.number) == ("draft", D("663.10"), f"SO-{order.pk:05d}")
    assert (order.fulfilment_status, order.billing_status) == ("unreserved", "not_invoiced")
    order = services.order_confirm(order=order)
    assert order.status == "confirmed" and order.confirmed_at is not None
    with pytest.raises(InvalidTransition) as refused:
        services.order_confirm(order=order)
    assert refused.value.status_code == 409


def test_orders_are_for_customers_only():
    with pytest.raises(InvalidData):
        services.order_create(party=None, lines=[{"product": make_product(), "quantity": 1}])


def test_stock_is_reserved_only_for_confirmed_orders():
    order = make_order((stocked(), 3))
    with pytest.raises(InvalidTransition):
        services.order_reserve_stock(order=order)
    assert not Reservation.objects.exists()


def test_reserving_reports_short_lines_and_picks_them_up_later():
    main = make_warehouse("WH1")
    chair, desk = stocked("CHAIR", 10, main), stocked("DESK", 4, main, kind="manufactured")
    order = make_order((chair, 3), (desk, 15), confirm=True)
    result = services.order_reserve_stock(order=order)
    assert not result.all_reserved
    assert [(s.line.product.sku, s.quantity) for s in result.short] == [("DESK", D("11.000"))]
    order.refresh_from_db()
    assert order.fulfilment_status == "partially_reserved"
    reserved = {line.product.sku: line.reserved_quantity for line in order.lines.all()}
    assert reserved == {"CHAIR": 3, "DESK": 4}
    assert StockLevel.objects.get(product=desk).available == 0
    stock(desk, main, 11)
    again = services.order_reserve_stock(order=order)
    assert again.all_reserved and again.short == []
    order.refresh_from_db()
    assert order.fulfilment_status == "reserved"
    assert Reservation.objects.filter(reference=order.number, status="active").count() == 3
    assert services.order_reserve_stock(order=order).all_reserved  # nothing more to do


def test_a_line_takes_one_warehouse_when_it_can_else_several():
    first, second = make_warehouse("WH1"), make_warehouse("WH2")
    lamp = make_product("LAMP")
    stock(lamp, first, 2)
    stock(lamp, second, 5)
    one = make_order((lamp, 4), confirm=True)
    services.order_reserve_stock(order=one)
    assert list(one.lines.get().reservations.values_list("warehouse__code", "quantity")) == [
        ("WH2", D("4.000"))
    ]
    split = make_order((lamp, 3), confirm=True)
    assert services.order_reserve_stock(order=split).all_reserved
    rows = split.lines.get().reservations.order_by("warehouse__code")
    assert list(rows.values_list("warehouse__code", "quantity")) == [
        ("WH1", D("2.000")),
        ("WH2", D("1.000")),
    ]


def test_cancelling_releases_the_reserved_stock():
    chair = stocked("CHAIR", 5)
    order = make_order((chair, 5), reserve=True)
    assert StockLevel.objects.get(product=chair).available == 0
    order = services.order_cancel(order=order, reason="Customer changed their mind")
    assert (order.status, order.fulfilment_status) == ("cancelled", "unreserved")
    assert StockLevel.objects.get(product=chair).available == 5
    with pytest.raises(InvalidTransition):
        services.order_cancel(order=order)
    with pytest.raises(InvalidTransition):
        services.order_reserve_stock(order=order)


def test_shipped_and_delivered_quantities_move_the_fulfilment_status():
    chair, lamp = stocked("CHAIR", 5), stocked("LAMP", 5)
    order = make_order((chair, 2), (lamp, 1), reserve=True)
    chair_line, lamp_line = order.lines.order_by("id")
    order = services.order_mark_shipped(order=order, shipped={chair_line.pk: 2})
    assert order.fulfilment_status == "partially_shipped"
    with pytest.raises(InvalidData):
        services.order_mark_shipped(order=order, shipped={lamp_line.pk: 2})
    order = services.order_mark_shipped(order=order)
    assert order.fulfilment_status == "shipped"
    order = services.order_mark_delivered(order=order)
    assert (order.fulfilment_status, order.status) == ("delivered", "confirmed")
    with pytest.raises(InvalidData):
        services.order_mark_delivered(order=order, delivered={999999: 1})


def test_marking_shipped_needs_a_confirmed_order():
    order = make_order((make_product(), 1), party=make_customer())
    with pytest.raises(InvalidTransition):
        services.order_mark_shipped(order=order)
    assert SalesOrder.objects.get(pk=order.pk).fulfilment_status == "unreserved"
