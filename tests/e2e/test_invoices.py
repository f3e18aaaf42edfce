"""Alice goes from the invoices list to an invoice, its PDF link, its order and its
customer; the invoice page fits 390 px."""

from decimal import Decimal

import pytest

from processes.sales import services
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.e2e


def test_alice_reads_an_invoice_and_what_is_owed(session, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    acme = make_customer("Acme Tools")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    order = make_order((chair, 2), party=acme, confirm=True)
    invoice = services.invoice_create_for_order(order=order)
    services.payment_record(invoice=invoice, amount=Decimal("40.00"), reference="TX-7")

    alice = session("alice-invoices")
    alice.login("alice")
    page = alice.page
    page.goto("/invoices/")
    assert "Acme Tools" in page.locator("#document-list").inner_text()
    alice.screenshot("1-list")
    page.locator("#document-list a", has_text=invoice.number).click()
    page.wait_for_url(f"**/invoices/{invoice.pk}/")
    owed = page.locator("[data-outstanding]").inner_text()
    assert owed == f"€{invoice.total - Decimal('40.00'):,.2f}"
    assert "TX-7" in page.locator("#payments").inner_text()
    pdf = page.locator("a[data-pdf]")
    assert pdf.get_attribute("href") == f"/api/invoices/{invoice.pk}/pdf/"
    response = page.request.get(pdf.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    alice.screenshot("2-invoice")

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("3-phone")
    assert wide <= 390, f"the invoice page is {wide} px wide at 390 px"
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#documents a", has_text=order.number).click()
    page.wait_for_url(f"**/orders/{order.pk}/")
    page.locator(".page-head a", has_text="Acme Tools").click()
    page.wait_for_url(f"**/customers/{acme.pk}/")
    alice.assert_no_console_errors()
