"""Saved filters in the browser: alice saves her inbox's filter for her group, a colleague
opens it with its count, alice deletes it; erin keeps one on the monitor."""

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.collab.models import SavedFilter
from tests.e2e.conftest import PASSWORD
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_alice_saves_shares_and_deletes_an_inbox_filter(session, people):
    deploy_fixture()
    urgent = instance_start(
        definition_key="order_approval", business_key="SO-7", user=people["alice"]
    )
    instance_start(definition_key="order_approval", business_key="SO-8", user=people["alice"])
    HumanTask.objects.filter(instance=urgent).update(priority=90)
    make_user("sam", "sales", password=PASSWORD, first_name="Sam")

    alice = session("saved-filters-alice")
    alice.login("alice")
    page = alice.page
    assert "None yet" in page.locator("#saved-filters").inner_text()
    page.select_option("select[name=priority]", "high")
    page.wait_for_url("**priority=high**")
    page.locator(".save-filter > summary").click()
    page.fill("[data-filter-name]", "Urgent orders")
    page.select_option("[data-filter-group]", "sales")
    page.click("[data-save-filter]")
    page.wait_for_load_state()
    assert "is saved and shared with sales" in page.locator(".flash-success").inner_text()
    chip = page.locator('[data-saved-filter="Urgent orders"]')
    assert chip.locator("[data-filter-count]").inner_text() == "1"
    assert "shared with sales" in chip.inner_text()
    alice.screenshot("1-saved")
    page.set_viewport_size({"width": 390, "height": 844})
    alice.screenshot("2-saved-390")

    sam = session("saved-filters-sam")
    sam.login("sam")
    shared = sam.page.locator('[data-saved-filter="Urgent orders"]')
    assert "Alice, for sales" in shared.inner_text()
    assert shared.locator("button[data-delete-filter]").count() == 0
    shared.locator("a").click()
    sam.page.wait_for_url("**priority=high**")
    rows = sam.page.locator("tr[data-task]")
    assert rows.count() == 1 and "SO-7" in rows.inner_text()
    sam.assert_no_console_errors()

    page.set_viewport_size({"width": 1366, "height": 900})
    chip.locator("button[data-delete-filter]").click()
    page.wait_for_load_state()
    assert "The filter is deleted." in page.locator(".flash-success").inner_text()
    assert not SavedFilter.objects.exists()
    alice.assert_no_console_errors()


def test_erin_saves_a_monitor_filter(session, people):
    deploy_fixture()
    instance_start(definition_key="order_approval", business_key="SO-9", user=people["alice"])
    erin = session("saved-filters-erin")
    erin.login("erin")
    page = erin.page
    page.goto("/monitor/?status=running")
    page.locator(".save-filter > summary").click()
    page.fill("[data-filter-name]", "Running")
    page.click("[data-save-filter]")
    page.wait_for_load_state()
    chip = page.locator('[data-saved-filter="Running"]')
    assert chip.locator("[data-filter-count]").inner_text() == "1"
    assert chip.get_attribute("class") == "saved-filter active"
    erin.screenshot("1-monitor")
    erin.assert_no_console_errors()
