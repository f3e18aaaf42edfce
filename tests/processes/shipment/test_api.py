import pytest

from processes.inventory.models import StockLevel
from tests.processes.business import make_order, stocked

pytestmark = pytest.mark.django_db


def test_pick_pack_ship_deliver_over_the_api(api, people):
    chair = stocked("CHAIR", 10)
    order = make_order((chair, 3), reserve=True)
    client = api(people.bob)
    assert api(people.alice).post("/api/shipments/", {"order": order.pk}).status_code == 403
    created = client.post("/api/shipments/", {"order": order.pk})
    assert created.status_code == 201, created.json()
    shipment = created.json()
    assert (shipment["status"], shipment["order_number"]) == ("to_pick", order.number)
    assert shipment["lines"][0]["quantity"] == "3.000"
    base = f"/api/shipments/{shipment['id']}"
    assert client.post(f"{base}/ship/", {"carrier": "DHL"}).status_code == 409
    assert client.post(f"{base}/pick/").json()["status"] == "picked"
    assert client.post(f"{base}/pack/", {"packages": []}).status_code == 400
    packed = client.post(
        f"{base}/pack/",
        {"packages": [{"weight_kg": "10", "dimensions": "60x40x40"}, {"weight_kg": "2.5"}]},
    ).json()
    assert (packed["status"], packed["weight_kg"], len(packed["packages"])) == (
        "packed",
        "12.500",
        2,
    )
    assert client.post(f"{base}/ship/", {}).status_code == 400
    shipped = client.post(f"{base}/ship/", {"carrier": "DHL", "tracking_number": "JD1"}).json()
    assert (shipped["status"], shipped["tracking_number"]) == ("shipped", "JD1")
    assert StockLevel.objects.get(product=chair).on_hand == 7
    assert client.post(f"{base}/confirm-delivery/").json()["status"] == "delivered"
    assert client.get(f"/api/shipments/?order={order.pk}&status=delivered").json()["count"] == 1
    assert client.get("/api/shipments/?tracking_number=JD1").json()["count"] == 1
    assert client.get("/api/shipments/?status=lost").status_code == 400
    assert api(people.alice).get(f"/api/sales-orders/{order.pk}/").json()["fulfilment_status"] == (
        "delivered"
    )
