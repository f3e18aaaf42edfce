"""Alice adds the buyer she talks to at Acme on its page, on a phone too, and marks a
colleague of his who left as no longer there."""

import pytest

from processes.crm import services as crm
from processes.crm.models import Contact
from tests.processes.factories import make_customer

pytestmark = pytest.mark.e2e


def test_alice_adds_a_contact_and_marks_one_gone(session, people):
    acme = make_customer("Acme Tools")
    crm.contact_create(party=acme, name="Tom Becker")
    alice = session("alice-contact")
    alice.login("alice")
    page = alice.page
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/customers/{acme.pk}/")
    page.click("#contacts summary")
    page.fill("#id_contact-name", "Jane Roe")
    page.fill("#id_contact-job_title", "Buyer")
    page.fill("#id_contact-email", "jane@acme.example")
    page.fill("#id_contact-phone", "+49 30 5550101")
    alice.screenshot("1-form")
    page.click("#contacts button.primary")
    page.wait_for_selector(".flash-success")
    text = page.locator("#contacts").inner_text()
    assert "Jane Roe" in text and "jane@acme.example" in text and "+49 30 5550101" in text
    page.locator("#contacts li", has_text="Tom Becker").get_by_role("button").click()
    page.wait_for_selector(".flash-success")
    assert "Tom Becker is no longer listed at Acme Tools." in page.inner_text(".flash-success")
    assert "Tom Becker" not in page.locator("#contacts").inner_text()
    assert not Contact.objects.get(name="Tom Becker").is_active
    alice.screenshot("2-added")

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("3-phone")
    assert wide <= 390, f"the customer page is {wide} px wide at 390 px"
    alice.assert_no_console_errors()
