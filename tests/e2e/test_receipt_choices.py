"""Bob receives part of a purchase order: the receipt's product list offers only the
order's products, and what he records goes into stock (1366 and 390 px)."""

from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from processes.inventory.selectors import available_quantity
from tests.factories import make_user
from tests.processes.factories import make_product, make_supplier, make_warehouse
from tests.processes.flows.steps import Desk, settle

pytestmark = pytest.mark.e2e


def test_the_receipt_offers_only_the_orders_lines(session, people):
    call_command("deploy_processes", stdout=StringIO())
    supplier = make_supplier("Nordic Timber AB")
    top = make_product(
        "OAK-TOP",
        name="Oak table top",
        kind="purchased",
        standard_cost=Decimal("50.00"),
        default_supplier=supplier,
    )
    make_product("CHAIR", name="Office chair", kind="purchased", default_supplier=supplier)
    make_warehouse("WH1", name="Main warehouse")
    make_user("bob", "warehouse", password="demo", first_name="Bob")
    team = SimpleNamespace(dave=Desk(make_user("dave", "procurement")))
    case = team.dave.start("procurement")["id"]
    team.dave.work("request_form", {"product": top.pk, "quantity": 10}, case)
    settle()
    task = HumanTask.objects.get(instance_id=case, element_id="receive_goods", status="open")

    bob = session("bob-receipt-choices")
    bob.login("bob")
    page = bob.page
    bob.open_task(task.pk)
    page.check("input[name='f.all_arrived'][value='false']")
    product = page.locator("select[name='f.received_lines.0.product']")
    offered = [text.strip() for text in product.locator("option").all_inner_texts()]
    assert "Oak table top" in " ".join(offered)
    assert "Office chair" not in " ".join(offered)
    product.select_option(str(top.pk))
    page.fill("input[name='f.received_lines.0.quantity']", "4")
    bob.screenshot("1-receipt-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    bob.screenshot("2-receipt-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button[name=complete]")
    page.wait_for_selector(".flash-success")
    settle()
    check = HumanTask.objects.get(instance_id=case, element_id="check_goods", status="open")
    page.goto(f"/tasks/{check.pk}/")
    assert page.locator("#refusal").count() == 0
    received_by = HumanTask.objects.get(pk=task.pk).completed_by
    assert received_by.username == "bob"
    Desk(received_by).work("check_goods", {"quality_ok": True}, case)
    settle()
    assert available_quantity(product=top) == 4
    bob.assert_no_console_errors()
