"""Erin reads the orders: the list, an order with its lines, statuses in words, its
process and task; the pages fit 390 px."""

from decimal import Decimal

import pytest

from processes.production.services import manufacturing_order_plan
from tests.processes.business import make_order, oak_desk
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e


def test_erin_reads_an_order_and_a_manufacturing_order(session, people):
    acme = make_customer("Acme Tools")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("1234.50"))
    order = make_order((chair, 2), party=acme, confirm=True)
    parts = oak_desk()
    main = make_warehouse("WH1", name="Main")
    stock(parts.frame, main, 2)
    mo = manufacturing_order_plan(product=parts.desk, quantity=Decimal(2), warehouse=main)

    erin = session("erin-documents")
    erin.login("erin")
    page = erin.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("nav.nav summary:has-text('Records')")  # managers' pages are one menu
    page.click("nav.nav .nav-list >> text=Orders")
    page.wait_for_url("**/orders/")
    assert "Acme Tools" in page.locator("#document-list").inner_text()
    erin.screenshot("1-orders")
    page.locator("#document-list a", has_text=order.number).click()
    page.wait_for_url(f"**/orders/{order.pk}/")
    assert "Confirmed" in page.locator("[data-status]").inner_text()
    assert "€2,469.00" in page.locator("[data-total]").inner_text()
    assert "Made by hand" in page.locator("#process").inner_text()
    erin.screenshot("2-order")
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    erin.screenshot("3-order-phone")
    assert wide <= 390, f"the order page is {wide} px wide at 390 px"

    page.goto(f"/manufacturing-orders/{mo.pk}/")
    assert parts.frame.name in page.locator("#components").inner_text()
    wide = page.evaluate("document.documentElement.scrollWidth")
    erin.screenshot("4-mo-phone")
    assert wide <= 390, f"the manufacturing order page is {wide} px wide at 390 px"
    page.goto("/orders/")
    wide = page.evaluate("document.documentElement.scrollWidth")
    erin.screenshot("5-orders-phone")
    assert wide <= 390, f"the orders list is {wide} px wide at 390 px"
    erin.assert_no_console_errors()
