import pytest

from processes.inventory import services
from processes.inventory.models import StockLevel
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db


def test_warehouses_written_by_the_warehouse_group(api, people):
    assert (
        api(people.alice).post("/api/warehouses/", {"code": "WH1", "name": "Main"}).status_code
        == 403
    )
    created = api(people.bob).post("/api/warehouses/", {"code": "wh1", "name": "Main"})
    assert created.status_code == 201 and created.json()["code"] == "WH1"
    wid = created.json()["id"]
    assert api(people.bob).patch(f"/api/warehouses/{wid}/", {"code": "X"}).status_code == 400
    renamed = api(people.bob).patch(f"/api/warehouses/{wid}/", {"name": "Central"})
    assert renamed.json()["name"] == "Central"
    assert api(people.alice).get("/api/warehouses/?active=true").json()["count"] == 1
    assert api(people.alice).get("/api/warehouses/?active=maybe").status_code == 400


def test_receive_issue_and_adjust_over_the_api(api, people):
    desk, main = make_product("DESK"), make_warehouse("WH1")
    client = api(people.bob)
    base = f"/api/warehouses/{main.pk}"
    received = client.post(
        f"{base}/receive/", {"product": desk.pk, "quantity": "10", "reference": "PO-1"}
    )
    assert received.status_code == 201 and received.json()["kind"] == "receipt"
    assert received.json()["user"] == people.bob.pk
    issued = client.post(f"{base}/issue/", {"product": desk.pk, "quantity": "4", "reference": "x"})
    assert issued.status_code == 201 and issued.json()["quantity"] == "-4.000"
    too_much = client.post(
        f"{base}/issue/", {"product": desk.pk, "quantity": "7", "reference": "x"}
    )
    assert too_much.status_code == 409
    adjusted = client.post(
        f"{base}/adjust/", {"product": desk.pk, "quantity": "-1", "reference": "c"}
    )
    assert adjusted.status_code == 201 and adjusted.json()["kind"] == "adjustment"
    bad = client.post(f"{base}/receive/", {"product": desk.pk, "quantity": "1", "kind": "scrap"})
    assert bad.status_code == 400 and "kind" in bad.json()["errors"]
    assert StockLevel.objects.get().on_hand == 5
    sales = api(people.alice).post(f"{base}/receive/", {"product": desk.pk, "quantity": "1"})
    assert sales.status_code == 403


def test_stock_moves_are_read_only_and_filterable(api, people):
    desk, chair, main = make_product("DESK"), make_product("CHAIR"), make_warehouse("WH1")
    stock(desk, main, 5)
    stock(chair, main, 5)
    services.stock_reserve(product=desk, quantity=2, reference="SO-7")
    client = api(people.bob)
    rows = client.get(f"/api/stock-moves/?product={desk.pk}").json()["results"]
    assert [(r["kind"], r["quantity"], r["sku"]) for r in rows] == [
        ("reservation", "2.000", "DESK"),
        ("receipt", "5.000", "DESK"),
    ]
    assert client.get("/api/stock-moves/?reference=SO-7").json()["count"] == 1
    assert client.get("/api/stock-moves/?kind=receipt").json()["count"] == 2
    assert client.post("/api/stock-moves/", {}).status_code == 405
    assert client.delete(f"/api/stock-moves/{rows[0]['id']}/").status_code == 405


def test_reservations_are_read_only_and_filterable(api, people):
    desk, main = make_product("DESK"), make_warehouse("WH1")
    stock(desk, main, 5)
    kept = services.stock_reserve(product=desk, quantity=2, reference="SO-1")
    gone = services.stock_reserve(product=desk, quantity=1, reference="SO-2")
    services.reservation_release(reservation=gone)
    client = api(people.erin)
    active = client.get("/api/reservations/?status=active").json()["results"]
    assert [(r["id"], r["reference"], r["warehouse_code"]) for r in active] == [
        (kept.pk, "SO-1", "WH1")
    ]
    assert client.get(f"/api/reservations/{gone.pk}/").json()["status"] == "released"
    assert client.post("/api/reservations/", {}).status_code == 403
    assert api(people.bob).post("/api/reservations/", {}).status_code == 405
