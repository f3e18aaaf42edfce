"""Erin switches the product to French, then to Russian, on her profile page."""

import re

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

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
]
WORDS = {
    "fr": ["Boîte de réception", "Tableau de bord", "Se déconnecter", "Historique"],
    "ru": ["Входящие", "Панель", "Выйти", "История"],
}

MONTHS = {
    "fr": "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря",
}


def english_left(text: str) -> list[str]:
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]


def test_erin_reads_the_product_in_french_then_in_russian(session, people):
    deploy_fixture()
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
        text = "\n".join(seen)
        for word in WORDS[language]:
            assert word in text
        assert english_left(text) == [], f"English left on the {language} pages"
        # Dates in the locale's format: "6 décembre 2026" / "6 декабря 2026 г.".
        assert re.search(MONTHS[language], text)
    erin.assert_no_console_errors()
