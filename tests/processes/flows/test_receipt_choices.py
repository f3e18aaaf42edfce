"""The goods receipt offers only its purchase order's products; another product is refused
(400, naming the field, nothing changed), and a quantity above what is still to come sends
the receipt back to the warehouse with the reason instead of stranding the case."""

from decimal import Decimal

import pytest
from django.test import Client

from engine.models import HumanTask, Incident, ProcessInstance
from processes.inventory.selectors import available_quantity
from processes.procurement.models import GoodsReceipt, PurchaseOrder
from tests.processes.factories import make_product, make_supplier, make_warehouse
from tests.processes.flows.steps import settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_receipt(team, deployed):
    supplier = make_supplier("Nordic Timber AB")
    top = make_product(
        "OAK-TOP",
        name="Oak table top",
        kind="purchased",
        standard_cost=Decimal("50.00"),
        default_supplier=supplier,
    )
    chair = make_product(
        "CHAIR",
        name="Office chair",
        kind="purchased",
        standard_cost=Decimal("20.00"),
        default_supplier=supplier,
    )
    make_warehouse("WH1")
    started = team.dave.start("procurement")
    team.dave.work("request_form", {"product": top.pk, "quantity": 10}, started["id"])
    settle()
    assert PurchaseOrder.objects.get().status == "sent"
    return started["id"], top, chair


def test_the_receipt_offers_only_the_orders_products(team, at_receipt):
    case, top, chair = at_receipt
    task = team.bob.task("receive_goods", case)
    product = task["form"]["schema"]["properties"]["received_lines"]["items"]["properties"][
        "product"
    ]
    assert [choice["const"] for choice in product["oneOf"]] == [top.pk]

    bad = {"all_arrived": False, "received_lines": [{"product": chair.pk, "quantity": 2}]}
    errors = team.bob.refused(task["id"], bad)
    assert list(errors) == ["received_lines.0.product"]
    assert not GoodsReceipt.objects.exists()
    assert HumanTask.objects.get(pk=task["id"]).status == "open"

    client = Client()
    client.force_login(team.bob.user)
    page = client.get(f"/tasks/{task['id']}/").content.decode()
    assert "Oak table top" in page and "Office chair" not in page


def test_too_much_received_comes_back_to_the_receipt_saying_why(team, at_receipt):
    case, top, _chair = at_receipt
    lines = [{"product": top.pk, "quantity": 25}]
    team.bob.work("receive_goods", {"all_arrived": False, "received_lines": lines}, case)
    settle()
    team.bob.work("check_goods", {"quality_ok": True}, case)
    settle()
    assert not Incident.objects.exists()
    assert ProcessInstance.objects.get(pk=case).status == "running"
    task = HumanTask.objects.get(instance_id=case, element_id="receive_goods", status="claimed")
    assert task.assignee == team.bob.user  # back to whoever entered the receipt
    client = Client()
    client.force_login(team.bob.user)
    page = client.get(f"/tasks/{task.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ligne 1 : il ne reste que 10 de" in page
    team.bob.work("receive_goods", {"all_arrived": True}, case)
    settle()
    team.bob.work("check_goods", {"quality_ok": True}, case)
    settle()
    assert available_quantity(product=top) == 10
    assert ProcessInstance.objects.get(pk=case).status == "completed"
