"""An order of 15 desks with none in stock: production (and procurement of the short
components) makes them, and the order goes on when the goods arrive."""

from decimal import Decimal

import pytest

from engine.models import ProcessInstance
from processes.inventory.selectors import available_quantity
from processes.procurement.models import PurchaseOrder, PurchaseRequest
from processes.production.models import ManufacturingOrder
from processes.sales.models import SalesOrder
from tests.processes.business import oak_desk
from tests.processes.factories import make_customer, make_warehouse, stock
from tests.processes.flows.steps import instance_of, settle

pytestmark = pytest.mark.django_db


def test_fifteen_desks_are_made_and_the_order_goes_on_when_they_arrive(team, deployed):
    alice, bob, carol = team.alice, team.bob, team.carol
    parts = oak_desk()
    main = make_warehouse("WH1")
    stock(parts.tube, main, 100)
    stock(parts.screw, main, 200)
    stock(parts.top, main, 5)
    customer = make_customer("Birchwood Architects")

    sales_id = alice.start("sales")["id"]
    alice.work(
        "enter_order",
        {"customer": customer.pk, "lines": [{"product": parts.desk.pk, "quantity": 15}]},
        sales_id,
    )
    settle()
    alice.work("customer_decision", {"accepted": True}, sales_id)
    settle()

    # Short of 15 desks: a production process plans them from the two-level BOM.
    order = SalesOrder.objects.get()
    assert order.fulfilment_status == "unreserved"
    sales = ProcessInstance.objects.get(pk=sales_id)
    assert sales.active == ["stock_arrived"]
    desk_mo = ManufacturingOrder.objects.get(product=parts.desk)
    frame_mo = ManufacturingOrder.objects.get(product=parts.frame)
    assert (desk_mo.quantity, desk_mo.reference) == (15, order.number)
    assert (frame_mo.quantity, frame_mo.parent) == (15, desk_mo)
    assert instance_of("production", order.number).active == ["stock_arrived"]

    # The frames (sub-order) are made here; the 10 missing tabletops are bought.
    frames = instance_of("production", desk_mo.number)
    request = PurchaseRequest.objects.get()
    assert (request.product, request.quantity, request.reason, request.reference) == (
        parts.top,
        10,
        "production_shortage",
        desk_mo.number,
    )
    purchase = instance_of("procurement", desk_mo.number)
    assert PurchaseOrder.objects.get().status == "sent"  # 1,800: no manager needed
    assert team.erin.inbox() == []

    carol.work(
        "produce",
        {"produced": 15, "scrap": 0},
        frames.pk,
        bad=({"produced": -1}, ["produced", "scrap"]),
    )
    settle()
    carol.work("check_quality", {"passed": True}, frames.pk, bad=({"passed": "yes"}, ["passed"]))
    settle()
    assert ManufacturingOrder.objects.get(pk=frame_mo.pk).status == "done"
    assert available_quantity(product=parts.frame) == 15
    # The desks still wait for the tabletops; the order still waits for the desks.
    assert instance_of("production", order.number).active == ["stock_arrived"]
    assert ProcessInstance.objects.get(pk=sales_id).active == ["stock_arrived"]

    # The tabletops come in two deliveries.
    bob.work(
        "receive_goods",
        {"all_arrived": False, "received_lines": [{"product": parts.top.pk, "quantity": 4}]},
        purchase.pk,
        bad=({"all_arrived": False}, ["received_lines"]),
    )
    settle()
    bob.work("check_goods", {"quality_ok": True}, purchase.pk)
    settle()
    assert PurchaseOrder.objects.get().status == "partially_received"
    bob.work("receive_goods", {"all_arrived": True}, purchase.pk)
    settle()
    bob.work("check_goods", {"quality_ok": True}, purchase.pk)
    settle()
    assert PurchaseOrder.objects.get().status == "received"
    assert instance_of("procurement", desk_mo.number).status == "completed"

    # All components reserved: the desks are made (a rework, a refused count on the way).
    desks = instance_of("production", order.number)
    carol.work("produce", {"produced": 16, "scrap": 0}, desks.pk)
    settle()
    carol.work("produce", {"produced": 15, "scrap": 0}, desks.pk)
    settle()
    carol.work("check_quality", {"passed": False, "notes": "Scratched tops"}, desks.pk)
    settle()
    carol.work("produce", {"produced": 15, "scrap": 0}, desks.pk)
    settle()
    carol.work("check_quality", {"passed": True}, desks.pk)
    settle()
    desk_mo.refresh_from_db()
    assert desk_mo.status == "done"
    assert instance_of("production", order.number).status == "completed"

    # The desks arrived: the order reserved them and goes on to shipping.
    order.refresh_from_db()
    assert order.fulfilment_status == "reserved"
    assert available_quantity(product=parts.desk) == 0
    assert ProcessInstance.objects.get(pk=sales_id).active == ["order_delivered"]
    shipment = instance_of("shipment", order.number)
    assert bob.task("pick_goods", shipment.pk)
    assert Decimal(team.erin.get("/api/kpis/").json()["produced_today"]) == 30
    assert carol.inbox() == []
