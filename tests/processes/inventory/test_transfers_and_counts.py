"""Stock moved between warehouses and counted: services and their API, append-only in the
ledger, never below zero, and a refused move changes nothing."""

from decimal import Decimal

import pytest

from processes.common.errors import InvalidData, NotEnoughStock
from processes.inventory import services
from processes.inventory.models import StockLevel, StockMove
from processes.inventory.selectors import ledger_totals
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db
D = Decimal


def level(product, warehouse) -> tuple[Decimal, Decimal]:
    found = StockLevel.objects.filter(product=product, warehouse=warehouse).first()
    return (found.on_hand, found.reserved) if found else (D(0), D(0))


@pytest.fixture
def goods(db):
    chair, main, annex = make_product("CHAIR"), make_warehouse("WH1"), make_warehouse("WH2")
    stock(chair, main, 10)
    return chair, main, annex


def test_a_transfer_moves_available_stock_and_writes_both_ledger_lines(goods):
    chair, main, annex = goods
    out, into = services.stock_transfer(
        product=chair, source=main, destination=annex, quantity=D("5")
    )
    assert (out.quantity, into.quantity, out.kind, into.kind) == (
        D(-5),
        D(5),
        "transfer",
        "transfer",
    )
    assert out.reference == into.reference == "WH1 → WH2"
    assert level(chair, main) == (D(5), D(0)) and level(chair, annex) == (D(5), D(0))
    for warehouse in (main, annex):
        assert ledger_totals(product=chair, warehouse=warehouse) == level(chair, warehouse)


def test_a_transfer_leaves_reserved_stock_and_refuses_more_than_available(goods):
    chair, main, annex = goods
    services.stock_reserve(product=chair, quantity=D(8), reference="SO-1", warehouse=main)
    moves = StockMove.objects.count()
    with pytest.raises(NotEnoughStock):
        services.stock_transfer(product=chair, source=main, destination=annex, quantity=D(3))
    with pytest.raises(InvalidData):
        services.stock_transfer(product=chair, source=main, destination=main, quantity=D(1))
    with pytest.raises(InvalidData):
        services.stock_transfer(product=chair, source=main, destination=annex, quantity=D(0))
    assert StockMove.objects.count() == moves
    assert level(chair, main) == (D(10), D(8)) and level(chair, annex) == (D(0), D(0))


def test_the_api_transfers_and_counts_for_the_warehouse_only(api, people, goods):
    chair, main, annex = goods
    body = {"product": chair.pk, "source": main.pk, "destination": annex.pk, "quantity": "5"}
    assert api(people.alice).post("/api/stock-transfers/", body).status_code == 403
    moved = api(people.bob).post("/api/stock-transfers/", body)
    assert moved.status_code == 201, moved.content
    assert (moved.json()["out"]["quantity"], moved.json()["in"]["quantity"]) == ("-5.000", "5.000")
    too_much = api(people.bob).post("/api/stock-transfers/", {**body, "quantity": "6"})
    assert too_much.status_code == 409
    said = f"Only 5 of {chair.name} is available in {main.name}, not 6."
    assert too_much.json()["detail"] == said
    bad = api(people.bob).post("/api/stock-transfers/", {**body, "destination": 999999})
    assert bad.status_code == 400 and "destination" in bad.json()["errors"]
    assert level(chair, main) == (D(5), D(0))

    count = {"product": chair.pk, "warehouse": annex.pk, "counted": "3", "reason": "2 broken"}
    counted = api(people.bob).post("/api/stock-counts/", count)
    assert counted.status_code == 201, counted.content
    adjustment = counted.json()["adjustment"]
    assert (adjustment["quantity"], adjustment["kind"]) == ("-2.000", "adjustment")
    assert adjustment["reference"] == "Count: 2 broken"
    same = api(people.bob).post("/api/stock-counts/", count)
    assert same.status_code == 200 and same.json() == {"adjustment": None}
    no_reason = api(people.bob).post("/api/stock-counts/", {**count, "reason": ""})
    negative = api(people.bob).post("/api/stock-counts/", {**count, "counted": "-1"})
    assert (no_reason.status_code, negative.status_code) == (400, 400)
    assert level(chair, annex) == (D(3), D(0))
