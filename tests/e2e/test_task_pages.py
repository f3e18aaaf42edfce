"""Alice enters an order seeing prices and stock, lands on the customer's decision with the
order's lines and totals and a button that opens the quotation's PDF (1280 and 390 px)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e


def test_alice_enters_an_order_and_opens_its_quotation(session, people):
    call_command("deploy_processes", stdout=StringIO())
    customer = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk", list_price=Decimal("1270.15"))
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("45.00"))
    main = make_warehouse("WH1", name="Main warehouse")
    stock(desk, main, 5)
    stock(lamp, main, 8)

    alice = session("alice-task-pages")
    alice.login("alice")
    page = alice.page
    page.goto("/inbox/")
    page.click(".start-menu > summary")
    page.get_by_role("button", name="New order").click()
    page.wait_for_url("**/tasks/*/")
    page.select_option("select[name='f.customer']", str(customer.pk))
    page.select_option("select[name='f.lines.0.product']", str(desk.pk))
    product = page.locator("select[name='f.lines.0.product']")
    assert "€1,270.15 · 5 available" in product.inner_text()
    page.fill("input[name='f.lines.0.quantity']", "2")
    page.click("[data-add-row]")
    page.select_option("select[name='f.lines.1.product']", str(lamp.pk))
    page.fill("input[name='f.lines.1.quantity']", "1")
    alice.screenshot("1-order-entry-1280")
    entry = HumanTask.objects.get(element_id="enter_order")
    page.click("button[name=complete]")
    page.wait_for_selector(".flash-success")
    # The worker makes the order and its quotation.
    run_due_work(entry.instance)
    decision = HumanTask.objects.get(element_id="customer_decision")
    page.goto(f"/tasks/{decision.pk}/")
    panel = page.locator("[data-context=sales_order]")
    assert "Oak desk" in panel.inner_text()
    assert "€2,585.30" in panel.inner_text()
    alice.screenshot("2-decision-1280")
    # Before it is claimed the page reads as values, with one "Claim and start".
    assert page.locator("#task-form").count() == 0
    assert page.get_by_role("button", name="Claim and start").count() == 1
    with page.expect_popup() as opened:
        page.locator("[data-field=quotation_pdf] [data-document]").click()
    pdf = opened.value
    pdf.wait_for_load_state()
    assert "/pdf/" in pdf.url
    pdf.close()
    # The answer is an explicit choice, none ticked; declining asks for the reason.
    alice.claim_and_start()
    assert page.locator("input[name='f.accepted']").count() == 2
    assert not page.locator("input[name='f.accepted']:checked").count()
    page.get_by_role("radio", name="Declined").check()
    page.click("button[name=complete]")
    reason = page.locator("[data-field=reason]")
    assert "has-error" in reason.get_attribute("class")
    alice.screenshot("3-declined-without-reason")
    page.set_viewport_size({"width": 390, "height": 844})
    alice.screenshot("4-decision-390")
    # Nothing is wider than the phone: no sideways scrolling, not even inside the order's
    # box — its lines stack, each value under its column's name.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    lines = panel.locator(".table-wrap")
    assert lines.evaluate("box => box.scrollWidth <= box.clientWidth")
    row = panel.locator("tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "grid"
    assert "Oak desk" in row.inner_text()
    alice.assert_no_console_errors()
