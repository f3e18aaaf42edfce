"""Twenty orders of one unit race for ten in stock through the sales process, on PostgreSQL:
exactly ten are reserved, available stock never goes below zero, the other ten wait for
stock — and are served when it arrives."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from engine.models import Message, ProcessInstance
from processes.inventory.models import StockLevel
from processes.procurement.models import PurchaseRequest
from processes.sales.models import SalesOrder
from tests.factories import run_due_work
from tests.processes.factories import (
    make_customer,
    make_product,
    make_supplier,
    make_warehouse,
    stock,
)
from tests.processes.flows.steps import settle

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)

ORDERS = 20


def in_threads(work, items) -> list[str]:
    """Run work(item) for every item at once, each in its own thread and connection."""
    barrier = threading.Barrier(len(items))
    errors: list[str] = []
    lock = threading.Lock()

    def run(item):
        try:
            barrier.wait()
            work(item)
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertion
            with lock:
                errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_orders_race_for_ten_in_stock_and_the_rest_wait_for_goods(team, deployed):
    lamp = make_product(
        "LAMP",
        list_price=Decimal("59.00"),
        standard_cost=Decimal("24.00"),
        default_supplier=make_supplier("Office Supply Co"),
    )
    main = make_warehouse("WH1")
    stock(lamp, main, 10)
    customer = make_customer("Ivy Coworking")
    alice, bob = team.alice, team.bob

    # Twenty orders of one lamp, each accepted by the customer.
    runs = [alice.start("sales")["id"] for _ in range(ORDERS)]
    lines = [{"product": lamp.pk, "quantity": 1}]
    for run in runs:
        alice.work("enter_order", {"customer": customer.pk, "lines": lines}, run)
    settle()
    for run in runs:
        alice.work("customer_decision", {"accepted": True}, run)

    # The workers confirm and reserve all twenty at once, while someone watches the stock.
    seen: list[Decimal] = []
    watching = threading.Event()

    def watch():
        try:
            while not watching.is_set():
                level = StockLevel.objects.get(product=lamp, warehouse=main)
                seen.append(level.available)
        finally:
            connections.close_all()

    watcher = threading.Thread(target=watch)
    watcher.start()
    errors = in_threads(lambda run: run_due_work(ProcessInstance.objects.get(pk=run)), runs)
    watching.set()
    watcher.join(timeout=30)
    assert errors == []

    assert seen and min(seen) >= 0
    level = StockLevel.objects.get(product=lamp, warehouse=main)
    assert (level.on_hand, level.reserved, level.available) == (10, 10, 0)
    orders = SalesOrder.objects.all()
    assert sorted(o.fulfilment_status for o in orders) == ["reserved"] * 10 + ["unreserved"] * 10
    waiting = [o.number for o in orders if o.fulfilment_status == "unreserved"]
    for run in ProcessInstance.objects.filter(pk__in=runs):
        reserved = run.variables["reservation"]["all_reserved"]
        assert run.active == (["order_delivered"] if reserved else ["stock_arrived"])
    asked = Message.objects.filter(name="procurement_requested")
    assert sorted(asked.values_list("correlation_key", flat=True)) == sorted(waiting)

    # Procurement buys one lamp for each waiting order; when they arrive the orders go on.
    settle()
    assert PurchaseRequest.objects.count() == 10
    for element, data in (
        ("receive_goods", {"all_arrived": True}),
        ("check_goods", {"quality_ok": True}),
    ):
        tasks = [t for t in bob.inbox() if t["element_id"] == element]
        assert len(tasks) == 10
        for task in tasks:
            bob.complete(task["id"], data)
        settle()

    level.refresh_from_db()
    assert (level.on_hand, level.reserved, level.available) == (20, 20, 0)
    assert {o.fulfilment_status for o in SalesOrder.objects.all()} == {"reserved"}
    for run in ProcessInstance.objects.filter(pk__in=runs):
        assert run.active == ["order_delivered"]
    assert ProcessInstance.objects.filter(definition__key="shipment").count() == ORDERS
