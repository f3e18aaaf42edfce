"""Each shipped task page shows what its worker needs, by name: the order's lines with
prices and totals and its quotation as a PDF link, the picker's products and quantities,
the approver's supplier and lines, the producer's product and bill of materials."""

from decimal import Decimal

import pytest
from django.test import Client

from processes.catalog.models import Product
from processes.sales.models import SalesOrder
from tests.processes.business import oak_desk
from tests.processes.factories import (
    make_customer,
    make_product,
    make_supplier,
    make_warehouse,
    stock,
)
from tests.processes.flows.steps import instance_of, order_until_payment, settle

pytestmark = pytest.mark.django_db


def page(desk, task_id: int) -> str:
    client = Client()
    client.force_login(desk.user)
    response = client.get(f"/tasks/{task_id}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_order_entry_decision_and_picking_pages(team, deployed):
    customer = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk", list_price=Decimal("1270.15"))
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("45.00"))
    stock(desk, make_warehouse("WH1", name="Main warehouse"), 5)
    stock(lamp, make_warehouse("WH2", name="Back store"), 3)
    started = team.alice.start("sales")

    entry_id = team.alice.task("enter_order", started["id"])["id"]
    team.alice.claim(entry_id)
    entry = page(team.alice, entry_id)
    assert "DESK Oak desk · €1,270.15 · 5 available" in entry

    # Claimed above, the order is completed as entered.
    lines = [{"product": desk.pk, "quantity": 2}, {"product": lamp.pk, "quantity": 1}]
    done = team.alice.client.post(
        f"/api/tasks/{entry_id}/complete/", {"data": {"customer": customer.pk, "lines": lines}}
    )
    assert done.status_code == 200, done.content
    settle()
    decision = team.alice.task("customer_decision", started["id"])
    html = page(team.alice, decision["id"])
    order = SalesOrder.objects.get()
    panel = html[html.index('data-context="sales_order"') :]
    for text in ("Acme Ltd", "Oak desk", "Desk lamp", "€1,270.15", "€2,540.30", "€2,585.30"):
        assert text in panel, text
    assert f"Order {order.number}" in panel
    # The quotation is a button that opens its PDF, not a text box holding its address.
    pdf = decision["data"]["quotation_pdf"]
    assert f'href="{pdf}"' in html and "Open the PDF" in html
    assert 'name="f.quotation_pdf"' not in html
    assert team.alice.client.get(pdf)["Content-Type"] == "application/pdf"

    team.alice.work("customer_decision", {"accepted": True}, started["id"])
    settle()
    shipment = instance_of("shipment", order.number)
    pick = page(team.bob, team.bob.task("pick_goods", shipment.pk)["id"])
    panel = pick[pick.index('data-context="shipment"') :]
    for text in ("Oak desk", "Desk lamp", "Main warehouse", "Back store", "Acme Ltd"):
        assert text in panel, text
    assert "2 pcs" in panel
    assert "2.000" not in panel


def test_the_approval_and_production_pages(team, deployed):
    supplier = make_supplier("Nordic Timber AB")
    top = make_product(
        "TOP-40",
        name="Oak tabletop",
        kind="purchased",
        standard_cost=Decimal("180.00"),
        default_supplier=supplier,
    )
    make_warehouse("WH1")
    started = team.dave.start("procurement")
    team.dave.work("request_form", {"product": top.pk, "quantity": 40}, started["id"])
    settle()
    approval = page(team.erin, team.erin.task("approve_order", started["id"])["id"])
    panel = approval[approval.index('data-context="purchase_order"') :]
    for text in ("Nordic Timber AB", "Oak tabletop", "40 pcs", "€180.00", "€7,200.00"):
        assert text in panel, text

    parts = oak_desk()
    Product.objects.filter(pk=parts.desk.pk).update(name="Oak desk")
    Product.objects.filter(pk=parts.top.pk).update(name="Oak top")
    Product.objects.filter(pk=parts.frame.pk).update(name="Desk frame")
    main = make_warehouse("WH9", name="Workshop")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    made = team.carol.start("production")
    team.carol.work(
        "plan_form", {"product": parts.desk.pk, "quantity": 2, "warehouse": main.pk}, made["id"]
    )
    settle()
    produce = page(team.carol, team.carol.task("produce", made["id"])["id"])
    panel = produce[produce.index('data-context="manufacturing_order"') :]
    for text in ("Oak desk", "Desk frame", "Oak top", "Workshop", "2 pcs"):
        assert text in panel, text


def test_the_payment_page_opens_the_invoice_and_starts_from_what_is_owed(team, deployed):
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("50.00"))
    stock(lamp, make_warehouse("WH1"), 10)
    case = order_until_payment(team, customer=make_customer("Acme Ltd"), product=lamp, quantity=4)
    task = team.alice.task("record_payment", case)
    team.alice.claim(task["id"])
    html = page(team.alice, task["id"])
    # The invoice is a button that opens its PDF; the amount still owed is filled in.
    assert f'href="{task["data"]["invoice_pdf"]}"' in html and "Open the PDF" in html
    assert 'name="f.invoice_pdf"' not in html
    assert 'name="f.amount" id="id_f-amount" value="200"' in html
