"""Moving a case's work back: a shipment waiting at the hand-over is picked and packed again."""

from decimal import Decimal

import pytest

from engine.models import InstanceEvent, ProcessInstance
from processes.inventory.models import StockLevel
from processes.sales.models import Invoice, SalesOrder
from processes.shipment.models import Shipment
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import instance_of, settle

pytestmark = pytest.mark.django_db

BACK_TO_PICKING = [
    {"type": "cancel", "element": "hand_over"},
    {"type": "start_before", "element": "pick_goods"},
]


def test_a_shipment_moved_back_to_the_picking_goes_through_the_warehouse_again(team, deployed):
    customer = make_customer("Acme Corporation")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    stock(chair, make_warehouse("WH1"), 10)
    alice, bob, erin = team.alice, team.bob, team.erin
    sales_id = alice.start("sales")["id"]
    lines = [{"product": chair.pk, "quantity": 3}]
    alice.work("enter_order", {"customer": customer.pk, "lines": lines}, sales_id)
    settle()
    alice.work("customer_decision", {"accepted": True}, sales_id)
    settle()
    order = SalesOrder.objects.get(number=ProcessInstance.objects.get(pk=sales_id).business_key)
    shipping = instance_of("shipment", order.number)
    bob.work("pick_goods", {"all_picked": True}, shipping.pk)
    settle()
    bob.work("pack_goods", {"packages": [{"weight_kg": 10}, {"weight_kg": 4}]}, shipping.pk)
    settle()
    assert Shipment.objects.get(order=order).status == "packed"

    # Bob finds the wrong chairs in the boxes: the manager moves the case back to the picking.
    response = erin.client.post(
        f"/api/instances/{shipping.pk}/modify/", {"instructions": BACK_TO_PICKING}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["active"] == ["pick_goods"]
    assert [row["element_id"] for row in bob.inbox()] == ["pick_goods"]

    bob.work("pick_goods", {"all_picked": True}, shipping.pk)
    settle()
    shipment = Shipment.objects.get(order=order)
    assert (shipment.status, shipment.packages.count()) == ("picked", 0)
    bob.work("pack_goods", {"packages": [{"weight_kg": 12}]}, shipping.pk)
    settle()
    bob.work("hand_over", {"carrier": "DHL"}, shipping.pk)
    settle()
    alice.work("confirm_delivery", {"delivered": True}, shipping.pk)
    settle()

    shipment.refresh_from_db()
    assert shipment.status == "delivered"
    assert [p.weight_kg for p in shipment.packages.all()] == [Decimal("12.000")]
    level = StockLevel.objects.get(product=chair)
    assert (level.on_hand, level.reserved) == (7, 0)  # the chairs left once
    shipping.refresh_from_db()
    assert shipping.status == "completed"
    moved = InstanceEvent.objects.filter(instance=shipping, type="modified")
    assert [event.user.username for event in moved] == ["erin"]
    # The order goes on as one delivery: one invoice, waiting for its payment.
    assert Invoice.objects.filter(order=order).count() == 1
    assert alice.task("record_payment", sales_id)["status"] == "open"
