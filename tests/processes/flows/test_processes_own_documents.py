"""Processes own their documents: while the instance that made a document runs, a direct
API call that would take one of its steps answers 409 naming the process, the instance and
its stage, and changes nothing; once the process has ended, or for a document made by
hand, the same call works."""

from decimal import Decimal

import pytest

from engine.models import ProcessInstance
from processes.ownership.models import DocumentProcess
from processes.procurement.models import PurchaseOrder
from processes.production.models import ManufacturingOrder
from processes.sales.models import Quotation, SalesOrder
from processes.shipment.models import Shipment
from tests.processes.business import make_order, oak_desk
from tests.processes.factories import (
    make_customer,
    make_product,
    make_supplier,
    make_warehouse,
    stock,
)
from tests.processes.flows.steps import instance_of, settle

pytestmark = pytest.mark.django_db


def refused(desk, url: str, instance: ProcessInstance, body: dict | None = None) -> dict:
    response = desk.client.post(url, body or {})
    assert response.status_code == 409, (url, response.status_code, response.content[:300])
    answer = response.json()
    instance.refresh_from_db()
    assert answer["instance"] == instance.pk
    assert answer["process"] == instance.definition.key
    assert answer["stage"] == instance.stage
    assert f"#{instance.pk}" in answer["detail"]
    assert instance.definition.name in answer["detail"]
    return answer


@pytest.fixture
def chair(db):
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    stock(chair, make_warehouse("WH1"), 10)
    return chair


def test_an_order_waiting_for_the_customer_is_not_confirmed_behind_the_process(
    team, deployed, chair
):
    alice = team.alice
    customer = make_customer("Acme Corporation")
    sales_id = alice.start("sales")["id"]
    lines = [{"product": chair.pk, "quantity": 3}]
    alice.work("enter_order", {"customer": customer.pk, "lines": lines}, sales_id)
    settle()
    instance = ProcessInstance.objects.get(pk=sales_id)
    order = SalesOrder.objects.get()
    assert DocumentProcess.objects.get(kind="sales.salesorder", document_id=order.pk).instance == (
        instance
    )
    quotation = Quotation.objects.get()
    assert (order.status, quotation.status) == ("draft", "sent")

    answer = refused(alice, f"/api/sales-orders/{order.pk}/confirm/", instance)
    assert order.number in answer["detail"] and "confirming the order" in answer["detail"]
    for step in ("cancel", "reserve-stock", "invoice"):
        refused(alice, f"/api/sales-orders/{order.pk}/{step}/", instance)
    refused(alice, f"/api/quotations/{quotation.pk}/accept/", instance)
    refused(team.bob, "/api/shipments/", instance, {"order": order.pk})
    order.refresh_from_db()
    quotation.refresh_from_db()
    assert (order.status, order.fulfilment_status, order.billing_status) == (
        "draft",
        "unreserved",
        "not_invoiced",
    )
    assert quotation.status == "sent" and not order.invoices.exists()
    assert not Shipment.objects.exists()

    # The process confirms it when the customer's decision is recorded.
    alice.work("customer_decision", {"accepted": True}, sales_id)
    settle()
    order.refresh_from_db()
    assert order.status == "confirmed"


def test_an_order_made_by_hand_is_moved_by_hand(team, chair):
    order = make_order((chair, 2), party=make_customer("Acme Corporation"))
    response = team.alice.client.post(f"/api/sales-orders/{order.pk}/confirm/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "confirmed"


def test_a_shipment_is_picked_in_its_process_only(team, deployed, chair):
    alice, bob = team.alice, team.bob
    sales_id = alice.start("sales")["id"]
    customer = make_customer("Acme Corporation")
    lines = [{"product": chair.pk, "quantity": 3}]
    alice.work("enter_order", {"customer": customer.pk, "lines": lines}, sales_id)
    settle()
    alice.work("customer_decision", {"accepted": True}, sales_id)
    settle()
    order = SalesOrder.objects.get()
    run = instance_of("shipment", order.number)
    shipment = Shipment.objects.get()
    assert run.active == ["pick_goods"]

    refused(bob, f"/api/shipments/{shipment.pk}/pick/", run)
    refused(bob, f"/api/shipments/{shipment.pk}/pack/", run, {"packages": [{"weight_kg": 2}]})
    shipment.refresh_from_db()
    assert shipment.status == "to_pick" and shipment.picked_at is None

    bob.work("pick_goods", {"all_picked": True}, run.pk)
    settle()
    shipment.refresh_from_db()
    assert shipment.status == "picked"


def test_a_purchase_order_waiting_for_approval_is_not_sent_around_it(team, deployed):
    dave, erin = team.dave, team.erin
    supplier = make_supplier("Nordic Timber AB")
    top = make_product(
        "OAK-TOP", kind="purchased", standard_cost=Decimal("180.00"), default_supplier=supplier
    )
    make_warehouse("WH1")
    started = dave.start("procurement")
    dave.work("request_form", {"product": top.pk, "quantity": 40}, started["id"])
    settle()
    instance = ProcessInstance.objects.get(pk=started["id"])
    order = PurchaseOrder.objects.get()
    assert instance.active == ["approve_order"]

    refused(erin, f"/api/purchase-orders/{order.pk}/approve/", instance)
    refused(dave, f"/api/purchase-orders/{order.pk}/send/", instance)
    refused(dave, f"/api/purchase-orders/{order.pk}/receive/", instance)
    order.refresh_from_db()
    assert (order.status, order.approved_by, order.sent_at) == ("draft", None, None)

    erin.work("approve_order", {"approved": True}, started["id"])
    settle()
    order.refresh_from_db()
    assert order.status == "sent"


def test_a_manufacturing_order_in_production_is_finished_by_its_process(team, deployed):
    carol = team.carol
    parts = oak_desk()
    main = make_warehouse("WH1")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    started = carol.start("production")
    carol.work(
        "plan_form", {"product": parts.desk.pk, "quantity": 2, "warehouse": main.pk}, started["id"]
    )
    settle()
    instance = ProcessInstance.objects.get(pk=started["id"])
    mo = ManufacturingOrder.objects.get(product=parts.desk)
    assert mo.status == "in_progress" and instance.active == ["produce"]

    refused(carol, f"/api/manufacturing-orders/{mo.pk}/record-output/", instance, {"produced": 2})
    refused(carol, f"/api/manufacturing-orders/{mo.pk}/cancel/", instance)
    mo.refresh_from_db()
    assert (mo.status, mo.produced_quantity) == ("in_progress", 0)

    carol.work("produce", {"produced": 2, "scrap": 0}, started["id"])
    settle()
    carol.work("check_quality", {"passed": True}, started["id"])
    settle()
    mo.refresh_from_db()
    assert mo.status == "done"
    # The process has ended: the order is free again (and its own statuses still apply).
    response = carol.client.post(f"/api/manufacturing-orders/{mo.pk}/cancel/")
    assert response.status_code == 409 and "instance" not in response.json()
