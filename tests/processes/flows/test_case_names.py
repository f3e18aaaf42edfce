"""A case is named by its business: the order number, customer and total; its stage is
where it waits now; the "New …" menu speaks of orders and purchases, not diagrams."""

from decimal import Decimal

import pytest
from django.test import Client

from engine.models import ProcessInstance
from processes.sales.models import SalesOrder
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import instance_of, settle

pytestmark = pytest.mark.django_db


def page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_sales_case_takes_its_order_number_and_waits_at_the_decision(team, deployed):
    customer = make_customer("Acme Ltd")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("1000.00"))
    stock(chair, make_warehouse("WH1"), 10)
    started = team.alice.start("sales")
    instance = ProcessInstance.objects.get(pk=started["id"])
    assert (instance.business_key, instance.stage) == ("", "Enter the order")
    assert "new, not numbered yet" in page(team.alice.user, "/inbox/")

    team.alice.work(
        "enter_order",
        {"customer": customer.pk, "lines": [{"product": chair.pk, "quantity": 2}]},
        instance.pk,
    )
    settle()
    order = SalesOrder.objects.get()
    instance.refresh_from_db()
    assert instance.business_key == order.number
    assert instance.stage == "Record the customer's decision"
    title = f"{order.number} · Acme Ltd · €2,000.00"  # 2 × €1,000.00, no tax rate
    assert order.total == Decimal("2000.00")
    assert title in page(team.alice.user, "/inbox/")
    task = team.alice.task("customer_decision", instance.pk)
    assert title in page(team.alice.user, f"/tasks/{task['id']}/")

    monitor = page(team.erin.user, "/monitor/?stage=customer%27s+decision")
    assert title in monitor
    assert "Record the customer&#x27;s decision" in monitor
    assert page(team.erin.user, "/monitor/?stage=Pick").count(title) == 0

    # The shipment the order asks for is known by the order's number (its messages say so).
    team.alice.work("customer_decision", {"accepted": True}, instance.pk)
    settle()
    shipment = instance_of("shipment", order.number)
    assert shipment.stage == "Pick the goods"
    assert f"{order.number} · Acme Ltd" in page(team.bob.user, "/inbox/")


def test_the_new_menu_names_the_business(team, deployed):
    inbox = page(team.alice.user, "/inbox/")
    assert ">New order</button>" in inbox
    assert "New: Order to cash" not in inbox
    assert ">Request a purchase</button>" in page(team.dave.user, "/inbox/")
    assert ">Plan production</button>" in page(team.carol.user, "/inbox/")
    assert ">Ship an order</button>" in page(team.bob.user, "/inbox/")
