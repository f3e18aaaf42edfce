"""An administrator lets the sales group request purchases instead of starting orders;
alice's "New …" menu follows at once. The rights page fits 390 px."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def test_the_admin_changes_what_sales_starts_and_alices_menu_follows(session, people):
    call_command("deploy_processes", stdout=StringIO())
    make_user("root", is_staff=True, is_superuser=True, password=PASSWORD)
    root = session("root-start-rights")
    root.login("root")
    page = root.page
    page.goto("/rights/")
    card = page.locator("section.card", has=page.get_by_role("heading", name="sales", exact=True))
    starts = card.locator("fieldset", has_text="Processes its members start by hand")
    assert starts.locator("input[value=sales]").is_checked()
    starts.locator("input[value=sales]").uncheck()
    starts.locator("input[value=procurement]").check()
    root.screenshot("1-ticked")
    card.get_by_role("button", name="Save the rights of sales").click()
    page.wait_for_url("**/rights/#group-*")
    assert "The rights of sales are saved." in page.locator(".flash-success").inner_text()
    card = page.locator("section.card", has=page.get_by_role("heading", name="sales", exact=True))
    assert card.locator("input[name=start][value=procurement]").is_checked()
    assert "As an administrator chose them." in card.inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    card.scroll_into_view_if_needed()
    root.screenshot("2-saved-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    alice = session("alice-start-rights")
    alice.login("alice")
    alice.page.click(".start-menu > summary")
    menu = alice.page.locator(".start-menu").inner_text()
    alice.screenshot("3-alice-menu")
    assert "New order" not in menu and "Request a purchase" in menu
    root.assert_no_console_errors()
    alice.assert_no_console_errors()
