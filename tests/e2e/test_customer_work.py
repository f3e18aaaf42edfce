"""Alice creates a customer (a wrong field first), edits it, and makes an order from its
page, landing on the order's first task with the customer filled in."""

from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from processes.crm.models import Party

pytestmark = pytest.mark.e2e


def test_alice_creates_a_customer_and_makes_an_order_from_its_page(session, people):
    call_command("deploy_processes", stdout=StringIO())
    alice = session("alice-new-customer")
    alice.login("alice")
    page = alice.page
    page.set_viewport_size({"width": 1280, "height": 900})
    alice.open_page("Customers")
    page.wait_for_url("**/customers/")
    assert "No customers or suppliers yet" in page.locator("#customer-list").inner_text()
    page.click(".page-head >> text=New customer")
    page.wait_for_url("**/customers/new/")

    # A contact e-mail without the contact's name: the error is next to the field.
    page.fill("#id_name", "Acme Tools")
    page.fill("#id_contact_email", "jane.roe@acme.example")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#id_contact_name-error")
    assert "Name the person" in page.locator("#id_contact_name-error").inner_text()
    assert not Party.objects.exists()
    alice.screenshot("1-error")
    # The refused form answers 400, which Chromium reports; that one is expected.
    expected = [e for e in alice.console_errors if "status of 400" in e and "/customers/new/" in e]
    assert len(expected) == 1
    alice.console_errors.remove(expected[0])
    page.fill("#id_contact_name", "Jane Roe")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".flash-success")
    acme = Party.objects.get()
    assert page.url.endswith(f"/customers/{acme.pk}/")
    assert "jane.roe@acme.example" in page.locator("#contacts").inner_text()
    assert "No processes about this customer yet" in page.locator("#cases").inner_text()
    alice.screenshot("2-created")

    page.click("text=Edit")
    page.fill("#id_tax_id", "FR123456789")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".flash-success")
    assert "FR123456789" in page.locator(".page-head").inner_text()

    page.click("button:has-text('Make an order')")
    page.wait_for_url("**/tasks/*/")
    task = HumanTask.objects.get()
    assert task.element_id == "enter_order" and task.assignee.username == "alice"
    chosen = page.locator("select[name='f.customer'] option:checked").inner_text()
    assert chosen == "Acme Tools"
    alice.screenshot("3-order-task")

    page.goto(f"/customers/{acme.pk}/")
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("4-phone")
    assert wide <= 390, f"the customer page is {wide} px wide at 390 px"
    page.goto("/customers/new/")
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("5-phone-form")
    assert wide <= 390, f"the customer form is {wide} px wide at 390 px"
    alice.assert_no_console_errors()
