"""An order served from stock, through every inbox over HTTP: stock 10, order 3."""

from decimal import Decimal

import pytest

from engine.models import Timer
from processes.sales.models import Invoice, SalesOrder
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import instance_of, settle

pytestmark = pytest.mark.django_db


def kpis(desk) -> dict:
    return desk.get("/api/kpis/").json()


def chair_stock(figures) -> dict:
    return next(row for row in figures["stock"] if row["sku"] == "CHAIR")


def test_an_order_from_stock_is_shipped_invoiced_and_paid(team, deployed):
    customer = make_customer("Acme Corporation")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    stock(chair, make_warehouse("WH1"), 10)
    alice, bob = team.alice, team.bob
    before = kpis(team.erin)

    # Alice starts an order-to-cash; its first task gathers the order.
    started = alice.start("sales")
    assert started["active"] == ["enter_order"]
    entry = alice.task("enter_order", started["id"])
    choices = entry["form"]["schema"]["properties"]["customer"]["oneOf"]
    assert {"const": customer.pk, "title": "Acme Corporation"} in choices
    assert bob.inbox() == []
    sales_id = started["id"]
    alice.work(
        "enter_order",
        {"customer": customer.pk, "lines": [{"product": chair.pk, "quantity": 3}]},
        sales_id,
        bad=(
            {"customer": 999999, "lines": [{"product": chair.pk, "quantity": 0}]},
            ["customer", "lines.0.quantity"],
        ),
    )
    settle()

    # The quotation went out as a PDF; the customer accepts.
    decision = alice.task("customer_decision", sales_id)
    quotation_pdf = decision["data"]["quotation_pdf"]
    assert_pdf(alice, quotation_pdf)
    alice.work(
        "customer_decision",
        {"accepted": True},
        sales_id,
        bad=({"accepted": False}, ["reason"]),
    )
    settle()

    # Stock reserved: the shipment starts in the warehouse's inbox.
    order = SalesOrder.objects.get()
    assert order.status == "confirmed"
    assert order.fulfilment_status == "reserved"
    shipment = instance_of("shipment", order.number)
    assert bob.get(f"/api/products/{chair.pk}/").json()["available"] == "7.000"
    assert alice.inbox() == []
    bob.work(
        "pick_goods", {"all_picked": True}, shipment.pk, bad=({"all_picked": False}, ["all_picked"])
    )
    settle()
    bob.work(
        "pack_goods",
        {"packages": [{"weight_kg": 52.5, "dimensions": "120x80x60"}]},
        shipment.pk,
        bad=({"packages": [{"weight_kg": 0}]}, ["packages.0.weight_kg"]),
    )
    settle()
    bob.work(
        "hand_over",
        {"carrier": "DHL", "tracking_number": "JD014600006281"},
        shipment.pk,
        bad=({"carrier": ""}, ["carrier"]),
    )
    settle()
    product = bob.get(f"/api/products/{chair.pk}/").json()
    assert (product["on_hand"], product["reserved"], product["available"]) == (
        "7.000",
        "0.000",
        "7.000",
    )
    alice.work("confirm_delivery", {"delivered": True, "received_by": "Maria Lopez"}, shipment.pk)
    settle()
    assert instance_of("shipment", order.number).status == "completed"

    # Delivered: the invoice goes out; a reminder waits for the end of its due date.
    order.refresh_from_db()
    assert order.fulfilment_status == "delivered"
    payment = alice.task("record_payment", sales_id)
    assert_pdf(alice, payment["data"]["invoice_pdf"])
    total = float(order.total)
    assert payment["data"]["amount"] == total
    reminder = Timer.objects.get(instance_id=sales_id, element_id="payment_overdue")
    invoice = Invoice.objects.get()
    assert (invoice.due_date - invoice.issued_on).days == 14
    assert reminder.due_at.isoformat() == f"{invoice.due_date}T23:59:59+00:00"
    alice.work(
        "record_payment",
        {"amount": total, "method": "bank_transfer", "payment_reference": "ACME-4711"},
        sales_id,
        bad=({"amount": 0, "method": "bitcoin"}, ["amount", "method"]),
    )
    settle()

    # Paid: the order is done, its process completed, the key figures moved.
    order.refresh_from_db()
    assert (order.status, order.fulfilment_status, order.billing_status) == (
        "done",
        "delivered",
        "paid",
    )
    sales = alice.get(f"/api/instances/{sales_id}/").json()
    assert sales["status"] == "completed"
    assert not Timer.objects.filter(instance_id=sales_id).exists()
    after = kpis(team.erin)
    assert after["orders_today"] == before["orders_today"] + 1
    assert Decimal(after["sales_today"]) == Decimal(before["sales_today"]) + order.total
    assert chair_stock(after) == {"sku": "CHAIR", "on_hand": "7.000", "available": "7.000"}
    for desk in (alice, bob):
        assert desk.inbox() == []


def assert_pdf(desk, url: str) -> None:
    response = desk.client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
