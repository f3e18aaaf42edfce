"""Erin switches the product to French, then to Russian, on her profile page."""

import re
from decimal import Decimal

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.sales import services as sales
from tests.factories import deploy_fixture
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.e2e

# The product's own English words that must not be left on a translated page.
ENGLISH = [
    "Inbox",
    "Dashboard",
    "Log out",
    "Claim",
    "Priority",
    "Open tasks",
    "Overdue tasks",
    "History",
    "The case",
    "Complete task",
    "Your profile",
    "Outstanding",
    "Payments",
    "Nothing paid yet",
    "The invoice as PDF",
]
WORDS = {
    "fr": ["Boîte de réception", "Tableau de bord", "Se déconnecter", "Historique"],
    "ru": ["Входящие", "Панель", "Выйти", "История"],
}
# The invoice's total, 2 × 617,28 € net + 0 % tax, in each locale's format.
TOTAL = {"fr": "1 234,56 €", "ru": "1 234,56 €"}

MONTHS = {
    "fr": "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря",
}


def english_left(text: str) -> list[str]:
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]


def test_erin_reads_the_product_in_french_then_in_russian(session, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deploy_fixture()
    desk = make_product("DESK", name="Bureau", list_price=Decimal("617.28"))
    order = make_order((desk, 2), party=make_customer("Boulangerie Éclair"), confirm=True)
    invoice = sales.invoice_create_for_order(order=order)
    instance = instance_start(
        definition_key="order_approval", business_key="SO-7", user=people["alice"]
    )
    task = HumanTask.objects.get(instance=instance)
    erin = session("erin-languages")
    erin.login("erin")
    page = erin.page

    for language, label in (("fr", "Français"), ("ru", "Русский")):
        page.goto("/profile/")
        page.select_option("#id_language", label=label)
        page.click("#language button[type=submit]")
        page.wait_for_url("**/profile/")
        assert page.locator("html").get_attribute("lang") == language
        erin.screenshot(f"{language}-1-profile")

        seen = []
        for step, url in (("2-dashboard", "/dashboard/"), ("3-inbox", "/inbox/")):
            page.goto(url)
            erin.screenshot(f"{language}-{step}")
            seen.append(page.locator("body").inner_text())
        page.goto(f"/tasks/{task.pk}/")
        erin.screenshot(f"{language}-4-task")
        seen.append(page.locator("body").inner_text())
        page.goto(f"/invoices/{invoice.pk}/")
        erin.screenshot(f"{language}-5-invoice")
        body = page.locator("body").inner_text()
        assert "Boulangerie Éclair" in body
        assert TOTAL[language] in body.replace("\u202f", " ").replace("\xa0", " ")
        seen.append(body)
        text = "\n".join(seen)
        for word in WORDS[language]:
            assert word in text
        assert english_left(text) == [], f"English left on the {language} pages"
        # Dates in the locale's format: "6 décembre 2026" / "6 декабря 2026 г.".
        assert re.search(MONTHS[language], text)
    erin.assert_no_console_errors()
