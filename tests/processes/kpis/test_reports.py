"""The operations reports' reads: stock valuation, purchases by supplier, production output
and scrap, process and task cycle times — each figure worked out by hand from the seeded
records, outside the period or not yet done left out."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from processes.kpis.cycle_times import process_cycle_times, task_cycle_times
from processes.kpis.operations import (
    production_by_product,
    purchases_by_supplier,
    stock_by_warehouse,
    stock_lines,
    stock_totals,
)
from processes.kpis.periods import Period
from processes.procurement.models import PurchaseOrder
from tests.factories import make_user
from tests.processes.kpis import seeds

pytestmark = pytest.mark.django_db
D = Decimal
YEAR = Period.from_query({"months": "12"})


def test_stock_is_valued_per_warehouse_at_cost_and_at_list_price():
    seeds.stock_in_two_warehouses()
    rows = stock_by_warehouse()
    assert [(r["code"], r["products"], r["cost"], r["price"]) for r in rows] == [
        ("WH1", 3, D("782.25"), D("1712.50")),  # 10 × 40 + 2 × 150.50 + 12.5 × 6.50
        ("WH2", 1, D("120.00"), D("300.00")),  # the lamp's empty level is not stock
    ]
    assert {r["currency"] for r in rows} == {"EUR"}
    assert stock_totals() == {
        "lines": 4,
        "cost": D("902.25"),
        "price": D("2012.50"),
        "currency": "EUR",
    }
    lines = list(stock_lines())
    assert [(r["sku"], r["warehouse"], r["on_hand"], r["cost"]) for r in lines] == [
        ("CHAIR", "WH1", D("10.000"), D("400.00")),
        ("DESK", "WH1", D("2.000"), D("301.00")),
        ("CHAIR", "WH2", D("3.000"), D("120.00")),
        ("TUBE", "WH1", D("12.500"), D("81.25")),
    ]
    assert lines[3]["unit"] == "m" and lines[3]["unit_cost"] == D("6.50")
    assert [r["sku"] for r in stock_lines(limit=2)] == ["CHAIR", "DESK"]


def test_purchases_are_the_orders_sent_in_the_period_per_supplier_and_currency():
    seeded = seeds.purchases_from_two_suppliers()
    orders = seeded.orders
    rows = purchases_by_supplier(YEAR)
    assert [(r["name"], r["currency"], r["orders"]) for r in rows] == [
        ("Timber & Steel", "EUR", 2),  # 400 + 301 net: the old, the draft, the cancelled out
        ("Nordic Parts", "USD", 1),  # 150 USD net = 135 EUR
    ]
    timber, nordic = rows
    assert timber["net"] == D("701.00") == orders.chairs.net_total + orders.desks.net_total
    assert timber["gross"] == orders.chairs.total + orders.desks.total
    assert timber["worth"] == D("701.00") and timber["party_id"] == seeded.timber.pk
    assert (nordic["net"], nordic["gross"]) == (D("150.00"), orders.usd.total)
    assert nordic["worth"] == D("135.00") and nordic["company_currency"] == "EUR"
    two_years = purchases_by_supplier(Period.from_query({"months": "24"}))
    assert two_years[0]["orders"] == 2  # 800 days ago is before 24 months too
    assert purchases_by_supplier(Period.from_query({"months": "last"})) == []  # all sent now
    last_month = timezone.now().replace(day=1) - timedelta(days=3)
    PurchaseOrder.objects.filter(pk=orders.desks.pk).update(sent_at=last_month)
    (row,) = purchases_by_supplier(Period.from_query({"months": "last"}))
    assert (row["name"], row["orders"], row["net"]) == ("Timber & Steel", 1, D("301.00"))
    assert purchases_by_supplier(YEAR)[0]["orders"] == 2  # still in the last 12 months


def test_production_output_and_scrap_per_product_of_the_finished_orders():
    seeds.production_of_desks_and_frames()
    rows = production_by_product(YEAR)
    assert [
        (r["sku"], r["orders"], r["produced"], r["scrap"], r["scrap_rate"], r["scrapped_orders"])
        for r in rows
    ] == [
        ("DESK-FRAME", 1, D("5.000"), D("0.000"), D("0.0"), 0),
        ("OAK-DESK", 2, D("4.000"), D("1.000"), D("20.0"), 1),  # 1 of the 5 made
    ]


def test_cycle_times_per_process_and_per_task(db):
    alice, erin = make_user("alice", "sales"), make_user("erin", "managers")
    seeds.completed_orders(alice, erin)
    hour = timedelta(hours=1)
    (process,) = process_cycle_times(YEAR)
    assert process["key"] == "order_approval" and process["completed"] == 2
    assert (process["average"], process["longest"]) == (4 * hour, 6 * hour)
    tasks = {row["element_id"]: row for row in task_cycle_times(YEAR)}
    assert set(tasks) == {"enter_order", "approve_order"}
    entry, approval = tasks["enter_order"], tasks["approve_order"]
    assert (entry["name"], entry["completed"]) == ("Enter order", 2)
    assert (entry["average"], entry["longest"]) == (1.5 * hour, 2 * hour)
    assert entry["waited"] == hour / 2  # only the claimed one counts
    assert (approval["completed"], approval["average"], approval["waited"]) == (1, 3 * hour, None)
    assert [row["element_id"] for row in task_cycle_times(YEAR)] == ["approve_order", "enter_order"]


def test_each_report_is_one_query():
    seeds.stock_in_two_warehouses()
    reads = [
        (stock_by_warehouse, ()),
        (stock_totals, ()),
        (lambda: list(stock_lines()), ()),
        (purchases_by_supplier, (YEAR,)),
        (production_by_product, (YEAR,)),
        (process_cycle_times, (YEAR,)),
        (task_cycle_times, (YEAR,)),
    ]
    for read, args in reads:
        with CaptureQueriesContext(connection) as queries:
            read(*args)
        assert len(queries) == 1, (read, [q["sql"] for q in queries])
