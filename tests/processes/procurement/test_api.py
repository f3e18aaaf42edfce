from decimal import Decimal

import pytest

from processes.inventory import services as inventory
from processes.inventory.models import StockLevel, Warehouse
from processes.procurement import services
from tests.factories import make_user
from tests.processes.factories import make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def dave(db):
    return make_user("dave", "procurement")


@pytest.fixture
def top():
    make_warehouse("WH1")
    supplier = make_supplier("Nordic Timber")
    return make_product(
        "OAK-TOP", kind="purchased", standard_cost=D("180.00"), default_supplier=supplier
    )


def test_request_to_receipt_over_the_api(api, people, dave, top):
    client = api(dave)
    assert api(people.alice).post("/api/purchase-requests/", {}).status_code == 403
    request = client.post(
        "/api/purchase-requests/", {"product": top.pk, "quantity": "6", "reason": "manual"}
    )
    assert request.status_code == 201 and request.json()["status"] == "open"
    order = client.post("/api/purchase-orders/from-requests/", {"requests": [request.json()["id"]]})
    assert order.status_code == 201, order.json()
    order = order.json()
    assert (order["status"], order["total"], order["supplier_name"]) == (
        "draft",
        "1080.00",
        "Nordic Timber",
    )
    base = f"/api/purchase-orders/{order['id']}"
    assert client.post(f"{base}/request-approval/").json()["status"] == "awaiting_approval"
    assert client.post(f"{base}/approve/").status_code == 403  # managers approve
    approved = api(people.erin).post(f"{base}/approve/")
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_by"] == people.erin.pk
    assert client.post(f"{base}/send/").json()["status"] == "sent"
    receipt = client.post(f"{base}/receive/", {"lines": [{"product": top.pk, "quantity": "2"}]})
    assert receipt.status_code == 201 and receipt.json()["lines"][0]["quantity"] == "2.000"
    assert client.get(f"{base}/").json()["status"] == "partially_received"
    assert client.post(f"{base}/receive/", {}).status_code == 201
    assert client.get(f"{base}/").json()["status"] == "received"
    assert client.post(f"{base}/receive/", {}).status_code == 409
    assert StockLevel.objects.get(product=top).on_hand == 6
    bill = client.post(f"{base}/bills/", {"number": "NT-1", "amount": "1080.00"})
    assert bill.status_code == 201
    assert client.post(f"/api/supplier-bills/{bill.json()['id']}/pay/").json()["status"] == "paid"
    assert client.get(f"/api/goods-receipts/?order={order['id']}").json()["count"] == 2
    assert client.get("/api/purchase-requests/?status=received").json()["count"] == 1


def test_purchase_orders_by_hand_and_filters(api, people, dave, top):
    client = api(dave)
    created = client.post(
        "/api/purchase-orders/",
        {
            "supplier": top.default_supplier.pk,
            "lines": [{"product": top.pk, "quantity": "1", "unit_price": "170.00"}],
        },
    )
    assert created.status_code == 201 and created.json()["total"] == "170.00"
    assert client.get("/api/purchase-orders/?status=draft").json()["count"] == 1
    assert (
        client.get(f"/api/purchase-orders/?supplier={top.default_supplier.pk}").json()["count"] == 1
    )
    assert client.get("/api/purchase-orders/?status=nope").status_code == 400
    rejected = api(people.erin).post(
        f"/api/purchase-orders/{created.json()['id']}/reject/", {"reason": "Not now"}
    )
    assert rejected.json()["status"] == "cancelled"
    assert client.patch(f"/api/purchase-orders/{created.json()['id']}/", {}).status_code == 405


def test_reorder_rules_over_the_api(api, dave, top):
    inventory.reorder_rule_set(
        product=top, warehouse=Warehouse.objects.get(), min_qty=5, max_qty=10
    )
    created = api(dave).post("/api/purchase-requests/from-reorder-rules/")
    assert created.status_code == 201 and [r["reason"] for r in created.json()] == ["reorder"]
    assert created.json()[0]["quantity"] == "10.000"
    assert services.purchase_requests_from_reorder_rules() == []
