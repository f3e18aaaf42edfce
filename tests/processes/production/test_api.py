from decimal import Decimal

import pytest

from processes.inventory.models import StockLevel, Warehouse
from tests.processes.business import oak_desk
from tests.processes.factories import make_warehouse, stock

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def parts():
    make_warehouse("WH1")
    return oak_desk()


def test_boms_are_listed_and_created_by_production(api, people, parts):
    client = api(people.carol)
    rows = client.get(f"/api/boms/?product={parts.desk.pk}&active=true").json()["results"]
    assert [(line["sku"], line["quantity"]) for line in rows[0]["lines"]] == [
        ("DESK-FRAME", "1.000"),
        ("OAK-TOP", "1.000"),
    ]
    body = {"product": parts.frame.pk, "lines": [{"component": parts.tube.pk, "quantity": "5"}]}
    assert api(people.alice).post("/api/boms/", body).status_code == 403
    created = client.post("/api/boms/", body)
    assert created.status_code == 201 and created.json()["is_active"]
    assert client.get("/api/boms/?active=true").json()["count"] == 2
    bad = client.post("/api/boms/", {"product": parts.top.pk, "lines": body["lines"]})
    assert bad.status_code == 400 and "product" in bad.json()["errors"]


def test_a_manufacturing_order_through_the_api(api, people, parts):
    client = api(people.carol)
    planned = client.post("/api/manufacturing-orders/", {"product": parts.desk.pk, "quantity": "2"})
    assert planned.status_code == 201
    mo = planned.json()
    assert (mo["status"], mo["sku"], len(mo["sub_orders"])) == ("planned", "OAK-DESK", 1)
    base = f"/api/manufacturing-orders/{mo['id']}"
    short = client.post(f"{base}/reserve-components/").json()
    assert short["all_reserved"] is False
    assert sorted((s["sku"], s["kind"], s["quantity"]) for s in short["short"]) == [
        ("DESK-FRAME", "manufactured", "2.000"),
        ("OAK-TOP", "purchased", "2.000"),
    ]
    assert client.post(f"{base}/start/").status_code == 409
    assert api(people.alice).post(f"{base}/start/").status_code == 403
    assert client.get(f"/api/manufacturing-orders/?parent={mo['id']}").json()["count"] == 1
    assert client.get("/api/manufacturing-orders/?status=planned").json()["count"] == 2

    warehouse = Warehouse.objects.get()
    stock(parts.frame, warehouse, 2)
    stock(parts.top, warehouse, 2)
    reserved = client.post(f"{base}/reserve-components/").json()
    assert reserved["all_reserved"] and reserved["order"]["status"] == "components_reserved"
    assert client.post(f"{base}/start/").json()["status"] == "in_progress"
    output = client.post(f"{base}/record-output/", {"produced": "2", "scrap": "0"})
    assert output.json()["status"] == "quality_check"
    assert client.post(f"{base}/quality-check/", {"passed": True}).json()["quality_passed"]
    done = client.post(f"{base}/finish/").json()
    assert (done["status"], done["produced_quantity"]) == ("done", "2.000")
    assert StockLevel.objects.get(product=parts.desk).on_hand == 2
    assert client.post(f"{base}/cancel/").status_code == 409
