"""Alice adds Acme's billing address on its page, changes it in place, reads it on a phone
too, and its invoice prints it."""

import pytest

from processes.crm.models import Address
from tests.processes.factories import make_customer

pytestmark = pytest.mark.e2e


def test_alice_adds_a_billing_address_on_the_customer_page(session, people):
    acme = make_customer("Acme Tools")
    alice = session("alice-address")
    alice.login("alice")
    page = alice.page
    page.goto(f"/customers/{acme.pk}/")
    assert "No address yet" in page.locator("#addresses").inner_text()
    page.click("#addresses summary")
    page.fill("#id_address-street", "Friedrichstraße 12\n3rd floor")
    page.fill("#id_address-postal_code", "10117")
    page.select_option("#id_address-country", label="Germany")
    # A town is needed: the browser asks for it before anything is sent.
    page.click("#addresses button[type=submit]")
    assert page.evaluate("document.querySelector('#id_address-city').validity.valueMissing")
    assert not Address.objects.exists()
    page.fill("#id_address-city", "Berlin")
    page.click("#addresses button[type=submit]")
    page.wait_for_selector(".flash-success")
    text = page.locator("#addresses").inner_text()
    assert "Friedrichstraße 12\n3rd floor\n10117 Berlin\nGermany" in text
    assert "on documents" in text
    assert "call" in [o.get_attribute("value") for o in page.locator("#id_kind option").all()]
    alice.screenshot("2-added")

    page.click("#addresses [data-edit-address]")
    page.wait_for_selector("#address-form[data-editing]")
    assert page.input_value("#id_address-street") == "Friedrichstraße 12\n3rd floor"
    page.fill("#id_address-postal_code", "14467")
    page.fill("#id_address-city", "Potsdam")
    alice.screenshot("2b-editing")
    page.click("#address-form button[type=submit]")
    page.wait_for_selector(".flash-success")
    assert "14467 Potsdam" in page.locator("#addresses").inner_text()
    assert list(Address.objects.values_list("city", flat=True)) == ["Potsdam"]

    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#addresses summary")
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("3-phone")
    assert wide <= 390, f"the customer page is {wide} px wide at 390 px"
    alice.assert_no_console_errors()
