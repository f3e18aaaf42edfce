"""Twenty orders of one unit race for ten in stock: exactly ten win, none goes below zero."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from processes.inventory.models import Reservation, StockLevel
from processes.inventory.selectors import ledger_totals
from processes.inventory.services import stock_reserve
from tests.processes.factories import make_product, make_warehouse, stock

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_reservations_of_ten_in_stock():
    desk, main = make_product("DESK"), make_warehouse("WH1")
    stock(desk, main, 10)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    seen_available: list[Decimal] = []
    lock = threading.Lock()

    def reserve(n: int) -> None:
        try:
            barrier.wait()
            reservation = stock_reserve(product=desk, quantity=1, reference=f"SO-{n}")
            level = StockLevel.objects.get(product=desk, warehouse=main)
            result = "reserved" if reservation else "short"
            available = level.available
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            result, available = f"error: {exc!r}", None
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)
            if available is not None:
                seen_available.append(available)

    threads = [threading.Thread(target=reserve, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["reserved"] * 10 + ["short"] * 10
    assert min(seen_available) >= 0
    level = StockLevel.objects.get(product=desk, warehouse=main)
    assert (level.on_hand, level.reserved, level.available) == (10, 10, 0)
    assert Reservation.objects.filter(status="active").count() == 10
    assert ledger_totals(product=desk, warehouse=main) == (10, 10)
