"""The administrator sets the company's details on the company page; a wrong IBAN is named
next to its field and nothing is stored; the saved details are on the next invoice."""

import pytest

from processes.company.models import CompanyDetails
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def test_the_administrator_sets_the_company_details(session, transactional_db):
    make_user("admin", password="demo", is_staff=True, is_superuser=True)
    admin = session("admin-company")
    admin.login("admin")
    page = admin.page
    page.goto("/settings/company/")
    assert page.locator("h1").inner_text() == "Company details"
    page.fill("#id_legal_name", "Mobilier Dupont SAS")
    page.fill("#id_address", "12 rue de la Forêt\n75011 Paris\nFrance")
    page.fill("#id_tax_id", "FR40303265045")
    page.fill("#id_iban", "FR76 3000 6000 0112 3456 7890 188")  # one digit wrong
    page.fill("#id_bic", "AGRIFRPP")
    page.click("form.party-form button[type=submit]")
    error = page.locator("#id_iban-error")
    assert "is not a valid IBAN" in error.inner_text()
    assert not CompanyDetails.objects.exists()
    admin.screenshot("1-wrong-iban")
    # The refused form answers 400, which Chromium reports; that one is expected.
    expected = [e for e in admin.console_errors if "status of 400" in e]
    assert len(expected) == 1
    admin.console_errors.remove(expected[0])
    page.fill("#id_iban", "FR76 3000 6000 0112 3456 7890 189")
    page.click("form.party-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert "The company details are saved." in page.locator(".flash").inner_text()
    stored = CompanyDetails.objects.get()
    assert (stored.legal_name, stored.iban) == (
        "Mobilier Dupont SAS",
        "FR7630006000011234567890189",
    )
    assert page.locator("#id_legal_name").input_value() == "Mobilier Dupont SAS"
    admin.screenshot("2-saved-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"
    admin.screenshot("3-saved-390")
    admin.assert_no_console_errors()
