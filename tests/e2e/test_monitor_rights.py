"""An administrator lets the warehouse monitor one process; bob finds the Monitor in his
menu, sees that process's case and no other, and opens it."""

import pytest

from engine.services.instances import instance_start
from tests.e2e.conftest import PASSWORD
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_the_admin_lets_the_warehouse_monitor_one_process(session, people):
    deploy_fixture()
    deploy_fixture("script_failure")
    instance_start(definition_key="order_approval", business_key="SO-1")
    instance_start(
        definition_key="script_failure", business_key="SPLIT-1", variables={"amount": 1, "parts": 0}
    )
    make_user("root", is_staff=True, is_superuser=True, password=PASSWORD)
    make_user("bob", "warehouse", password=PASSWORD, first_name="Bob")
    root = session("root-monitor-rights")
    root.login("root")
    page = root.page
    page.goto("/rights/")
    card = page.locator(
        "section.card", has=page.get_by_role("heading", name="warehouse", exact=True)
    )
    watched = card.locator("fieldset", has_text="Processes whose cases its members monitor")
    assert "managers monitor every process" in watched.inner_text()
    assert not watched.locator("input[value=script_failure]").is_checked()
    watched.locator("input[value=script_failure]").check()
    root.screenshot("1-ticked")
    card.get_by_role("button", name="Save the rights of warehouse").click()
    page.wait_for_url("**/rights/#group-*")
    assert "The rights of warehouse are saved." in page.locator(".flash-success").inner_text()
    card = page.locator(
        "section.card", has=page.get_by_role("heading", name="warehouse", exact=True)
    )
    assert card.locator("input[name=monitor][value=script_failure]").is_checked()
    assert not card.locator("input[name=monitor][value=order_approval]").is_checked()

    bob = session("bob-monitor-rights")
    bob.login("bob")
    bob.open_page("Monitor")
    bob.page.wait_for_url("**/monitor/")
    listing = bob.page.locator("main").inner_text()
    assert "SPLIT-1" in listing and "SO-1" not in listing
    bob.screenshot("2-bob-monitor")
    bob.page.get_by_role("link", name="SPLIT-1").first.click()
    bob.page.wait_for_url("**/monitor/instances/*/")
    assert "SPLIT-1" in bob.page.locator("main").inner_text()
    bob.page.set_viewport_size({"width": 390, "height": 844})
    bob.screenshot("3-bob-instance-390")
    root.assert_no_console_errors()
    bob.assert_no_console_errors()
