"""Alice finds a customer by part of a contact's e-mail, opens it and logs a call."""

import pytest

from processes.crm import services as crm
from processes.crm.models import Interaction
from tests.processes.factories import make_customer

pytestmark = pytest.mark.e2e


def test_alice_finds_a_customer_by_a_contacts_email_and_logs_a_call(session, people):
    acme = make_customer("Acme Tools", tax_id="FR123456789")
    crm.contact_create(
        party=acme,
        name="Jane Roe",
        job_title="Buyer",
        channels=[{"kind": "email", "value": "jane.roe@acme.example", "is_primary": True}],
    )
    make_customer("Bolt Supplies")

    alice = session("alice-customer")
    alice.login("alice")
    page = alice.page
    alice.open_page("Customers")
    page.wait_for_url("**/customers/")
    assert page.locator("tr[data-party]").count() == 2
    page.fill("#customer-q", "roe@acme")
    # htmx replaces the list as she types.
    page.wait_for_function("document.querySelectorAll('tr[data-party]').length === 1")
    assert "Acme Tools" in page.locator("#customer-list").inner_text()
    alice.screenshot("1-search")

    page.locator("#customer-list a", has_text="Acme Tools").click()
    page.wait_for_url(f"**/customers/{acme.pk}/")
    assert "jane.roe@acme.example" in page.locator("#contacts").inner_text()
    page.select_option("#id_kind", "call")
    page.select_option("#id_contact", label="Jane Roe")
    page.fill("#id_summary", "Wants 20 more drills next month.")
    page.click("#log button[type=submit]")
    page.wait_for_selector(".flash-success")
    assert "Wants 20 more drills next month." in page.locator("#timeline").inner_text()
    assert Interaction.objects.get(party=acme).contact.name == "Jane Roe"
    alice.screenshot("2-logged")

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("3-phone")
    assert wide <= 390, f"the customer page is {wide} px wide at 390 px"
    alice.assert_no_console_errors()


def test_the_top_bar_search_finds_a_customer(session, people):
    acme = make_customer("Acme Tools")
    alice = session("alice-search")
    alice.login("alice")
    page = alice.page
    page.fill(".topsearch input[name=q]", "acme")
    page.press(".topsearch input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=acme")
    page.locator("#found-customers a", has_text="Acme Tools").click()
    page.wait_for_url(f"**/customers/{acme.pk}/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/search/?q=acme")
    alice.screenshot("phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    alice.assert_no_console_errors()


def test_alice_filters_customers_by_tag_and_owner_and_the_address_keeps_them(session, people):
    crm.party_create(
        name="Acme Tools", is_customer=True, owner=people["alice"], tags=["Key account"]
    )
    crm.party_create(name="Bolt Supplies", is_customer=True, tags=["Key account"])
    make_customer("Copper Works")

    alice = session("alice-customer-filters")
    alice.login("alice")
    page = alice.page
    page.goto("/customers/")
    page.select_option("select[name=tag]", "Key account")
    page.wait_for_function("document.querySelectorAll('tr[data-party]').length === 2")
    page.select_option("select[name=owner]", label="Me")
    page.wait_for_function("document.querySelectorAll('tr[data-party]').length === 1")
    assert "tag=Key%20account" in page.url and f"owner={people['alice'].pk}" in page.url
    page.reload()
    assert page.locator("tr[data-party]").count() == 1
    assert page.locator("select[name=tag]").input_value() == "Key account"
    assert "Acme Tools" in page.locator("#customer-list").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("1-filtered-phone")
    assert wide <= 390, f"the customers list is {wide} px wide at 390 px"
    alice.assert_no_console_errors()
