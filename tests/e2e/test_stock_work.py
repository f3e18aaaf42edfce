"""Bob moves 5 units between warehouses and counts a product; the ledger shows both."""

from decimal import Decimal

import pytest

from processes.inventory.models import StockLevel
from tests.factories import make_user
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e


def test_bob_transfers_and_counts_and_reads_the_ledger(session, people):
    make_user("bob", "warehouse", password="demo", first_name="Bob")
    chair = make_product("CHAIR", name="Office chair")
    main, annex = make_warehouse("WH1", name="Main"), make_warehouse("WH2", name="Annex")
    stock(chair, main, 12)

    bob = session("bob-stock")
    bob.login("bob")
    page = bob.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("nav.nav >> text=Stock")
    page.wait_for_url("**/stock/")
    assert "Office chair" in page.locator("#stock-list").inner_text()
    bob.screenshot("1-stock")

    form = page.locator("#transfer form")
    form.locator("select[name=product]").select_option(label="CHAIR Office chair")
    form.locator("select[name=source]").select_option(label="WH1 Main")
    form.locator("select[name=destination]").select_option(label="WH2 Annex")
    form.locator("input[name=quantity]").fill("5")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    assert "5 × Office chair moved from Main to Annex" in page.locator(".messages").inner_text()

    count = page.locator("#count form")
    count.locator("select[name=product]").select_option(label="CHAIR Office chair")
    count.locator("select[name=warehouse]").select_option(label="WH2 Annex")
    count.locator("input[name=counted]").fill("4")
    count.locator("input[name=reason]").fill("One broken in transit")
    count.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    assert StockLevel.objects.get(product=chair, warehouse=annex).on_hand == Decimal(4)
    assert StockLevel.objects.get(product=chair, warehouse=main).on_hand == Decimal(7)

    page.locator("#stock-list a", has_text="Office chair").first.click()
    page.wait_for_url(f"**/products/{chair.pk}/")
    ledger = page.locator("#ledger").inner_text()
    assert "WH1 → WH2" in ledger and "Count: One broken in transit" in ledger
    assert page.locator("#ledger tr[data-move=transfer]").count() == 2
    assert page.locator("#ledger tr[data-move=adjustment]").count() == 1
    bob.screenshot("2-ledger")

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    bob.screenshot("3-phone-product")
    assert wide <= 390, f"the product page is {wide} px wide at 390 px"
    page.goto("/stock/")
    wide = page.evaluate("document.documentElement.scrollWidth")
    bob.screenshot("4-phone-stock")
    assert wide <= 390, f"the stock page is {wide} px wide at 390 px"
    bob.assert_no_console_errors()
