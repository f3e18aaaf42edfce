"""Twenty orders of one unit reserve at once with ten in stock: ten are served, the rest
wait, and they are served when stock arrives. Needs PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection, connections

from processes.inventory.models import StockLevel
from processes.inventory.selectors import ledger_totals
from processes.sales import services
from processes.sales.models import SalesOrder
from tests.processes.business import make_order
from tests.processes.factories import make_product, make_warehouse, stock

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_orders_of_one_unit_with_ten_in_stock():
    desk, main = make_product("DESK"), make_warehouse("WH1")
    stock(desk, main, 10)
    orders = [make_order((desk, 1), confirm=True) for _ in range(20)]
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def reserve(order: SalesOrder) -> None:
        try:
            barrier.wait()
            result = services.order_reserve_stock(order=order)
            outcome = "reserved" if result.all_reserved else "short"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=reserve, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["reserved"] * 10 + ["short"] * 10
    level = StockLevel.objects.get(product=desk, warehouse=main)
    assert (level.on_hand, level.reserved, level.available) == (10, 10, 0)
    waiting = SalesOrder.objects.filter(fulfilment_status="unreserved")
    assert waiting.count() == 10
    stock(desk, main, 10)
    for order in waiting:
        assert services.order_reserve_stock(order=order).all_reserved
    assert SalesOrder.objects.filter(fulfilment_status="reserved").count() == 20
    assert ledger_totals(product=desk, warehouse=main) == (20, 20)
