"""Erin's monitor and Alice's inbox show a sales case by its order number, customer and
total, at the step where it waits — at 1280 and 390 px."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from engine.services.case_start import case_start_for
from engine.services.tasks import task_complete
from processes.sales.models import SalesOrder
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e


def test_the_sales_case_is_its_order_number_at_its_waiting_step(session, people):
    call_command("deploy_processes", stdout=StringIO())
    customer = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk", list_price=Decimal("1270.15"))
    stock(desk, make_warehouse("WH1"), 5)
    instance, task = case_start_for(user=people["alice"], definition_key="sales")
    task_complete(
        task_id=task.pk,
        user=people["alice"],
        data={"customer": customer.pk, "lines": [{"product": desk.pk, "quantity": 2}]},
    )
    run_due_work(instance)
    order = SalesOrder.objects.get()
    title = f"{order.number} · Acme Ltd · €2,540.30"
    decision = HumanTask.objects.get(instance=instance, element_id="customer_decision")

    erin = session("erin-case-names")
    erin.login("erin")
    page = erin.page
    page.goto("/monitor/?stage=decision")
    row = page.locator(f'tr[data-instance="{instance.pk}"]')
    assert title in row.inner_text()
    assert "Record the customer's decision" in row.inner_text()
    erin.screenshot("1-monitor-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    erin.screenshot("2-monitor-390")
    row.locator("a").first.click()
    page.wait_for_url(f"**/monitor/instances/{instance.pk}/")
    assert title in page.locator("h1").inner_text()
    erin.assert_no_console_errors()

    alice = session("alice-case-names")
    alice.login("alice")
    page = alice.page
    page.goto("/inbox/")
    assert title in page.locator(f'tr[data-task="{decision.pk}"]').inner_text()
    page.click(".start-menu > summary")
    assert page.get_by_role("button", name="New order").count() == 1
    alice.screenshot("1-inbox-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    alice.screenshot("2-inbox-390")
    page.goto(f"/tasks/{decision.pk}/")
    assert title in page.locator(".page-head").inner_text()
    alice.screenshot("3-task-390")
    alice.assert_no_console_errors()
