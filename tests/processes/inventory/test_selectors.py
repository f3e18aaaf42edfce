from decimal import Decimal

import pytest

from processes.inventory import selectors, services
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db


def test_product_stock_totals_and_rows():
    desk = make_product("DESK")
    main, shop = make_warehouse("WH1"), make_warehouse("WH2")
    stock(desk, main, 10)
    stock(desk, shop, 2)
    services.stock_reserve(product=desk, quantity=4, reference="SO-1")
    result = selectors.product_stock(desk)
    assert (result.on_hand, result.reserved, result.available) == (12, 4, 8)
    assert [(r.warehouse.code, r.available) for r in result.warehouses] == [("WH1", 6), ("WH2", 2)]
    assert selectors.available_quantity(product=desk) == 8
    assert selectors.available_quantity(product=desk, warehouse=shop) == 2


def test_product_stock_of_a_product_never_stocked():
    result = selectors.product_stock(make_product())
    assert (result.on_hand, result.available, result.warehouses) == (0, 0, [])
    assert selectors.available_quantity(product=result.product) == 0


def test_stock_overview_sums_over_warehouses_and_skips_inactive():
    desk, chair = make_product("DESK"), make_product("CHAIR")
    make_product("OLD", is_active=False)
    main, shop = make_warehouse("WH1"), make_warehouse("WH2")
    stock(desk, main, 3)
    stock(desk, shop, "1.5")
    rows = [(p.sku, p.on_hand, p.reserved, p.available) for p in selectors.stock_overview()]
    assert rows == [("CHAIR", 0, 0, 0), ("DESK", Decimal("4.5"), 0, Decimal("4.5"))]
    assert chair.pk in {p.pk for p in selectors.stock_overview()}


def test_products_below_reorder():
    tops, tubes, screws = make_product("TOP"), make_product("TUBE"), make_product("SCREW")
    main = make_warehouse("WH1")
    stock(tops, main, 6)
    stock(tubes, main, 100)
    services.stock_reserve(product=tubes, quantity=60, reference="MO-1")
    services.reorder_rule_set(product=tops, warehouse=main, min_qty=8, max_qty=20)
    services.reorder_rule_set(product=tubes, warehouse=main, min_qty=50, max_qty=200)
    services.reorder_rule_set(product=screws, warehouse=main, min_qty=0, max_qty=10)
    needs = selectors.products_below_reorder()
    assert [(n.rule.product.sku, n.available, n.quantity_to_order) for n in needs] == [
        ("TOP", 6, 14),
        ("TUBE", 40, 160),
    ]


def test_active_reservations_by_reference():
    desk, main = make_product(), make_warehouse()
    stock(desk, main, 5)
    kept = services.stock_reserve(product=desk, quantity=1, reference="SO-1")
    gone = services.stock_reserve(product=desk, quantity=1, reference="SO-1")
    services.reservation_release(reservation=gone)
    assert list(selectors.active_reservations(reference="SO-1")) == [kept]


def test_warehouse_choices():
    main = make_warehouse("WH1", name="Main")
    services.warehouse_update(warehouse=make_warehouse("WH2"), data={"is_active": False})
    assert selectors.warehouse_choices() == [(main.pk, "WH1 Main")]
