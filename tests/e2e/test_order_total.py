"""Alice enters an order and sees each line's price and the order's total, with its
currency, redrawn by the server as she adds, changes and removes lines; the order made
has the total she saw (1366 and 390 px)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from processes.sales.models import SalesOrder
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e


def test_the_order_form_adds_up_as_lines_change(session, people):
    call_command("deploy_processes", stdout=StringIO())
    customer = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk", list_price=Decimal("1270.15"))
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("45.00"))
    main = make_warehouse("WH1", name="Main warehouse")
    stock(desk, main, 5)
    stock(lamp, main, 8)

    alice = session("alice-order-total")
    alice.login("alice")
    page = alice.page
    page.goto("/inbox/")
    page.click(".start-menu > summary")
    page.get_by_role("button", name="New order").click()
    page.wait_for_url("**/tasks/*/")
    summary = page.locator("[data-summary=sales_order]")
    assert "Choose the customer to see the prices." in summary.inner_text()
    page.select_option("select[name='f.customer']", str(customer.pk))
    page.wait_for_function(
        "document.querySelector('[data-summary]').innerText.includes('Add a product')"
    )
    page.select_option("select[name='f.lines.0.product']", str(desk.pk))
    page.fill("input[name='f.lines.0.quantity']", "2")
    total = summary.locator(".grand-total [data-total]")
    total.filter(has_text="€2,540.30").wait_for()
    assert "€1,270.15" in summary.inner_text()  # the unit price
    page.click("[data-add-row]")
    page.select_option("select[name='f.lines.1.product']", str(lamp.pk))
    page.fill("input[name='f.lines.1.quantity']", "3")
    total.filter(has_text="€2,675.30").wait_for()
    assert "€135.00" in summary.inner_text()  # 3 × 45.00
    # A wrong quantity is named, and the rest still adds up.
    page.fill("input[name='f.lines.1.quantity']", "-2")
    summary.get_by_text("Line 2: the quantity must be a number above zero.").wait_for()
    total.filter(has_text="€2,540.30").wait_for()
    page.fill("input[name='f.lines.1.quantity']", "3")
    total.filter(has_text="€2,675.30").wait_for()
    alice.screenshot("1-order-total-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    alice.screenshot("2-order-total-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})
    # Removing the desk's line leaves the lamps.
    page.locator("[data-row]").first.locator("[data-remove-row]").click()
    total.filter(has_text="€135.00").wait_for()
    page.click("[data-add-row]")
    page.locator("[data-row]").last.locator("select").select_option(str(desk.pk))
    page.locator("[data-row]").last.locator("input[type=number]").first.fill("2")
    total.filter(has_text="€2,675.30").wait_for()
    entry = HumanTask.objects.get(element_id="enter_order")
    page.click("button[name=complete]")
    page.wait_for_selector(".flash-success")
    run_due_work(entry.instance)
    order = SalesOrder.objects.get()
    assert order.total == Decimal("2675.30")  # what the form showed
    alice.assert_no_console_errors()
