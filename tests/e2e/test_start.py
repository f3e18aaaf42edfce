"""Alice starts an order from the inbox's "New …" menu and lands on its first task."""

from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask

pytestmark = pytest.mark.e2e


def test_alice_starts_a_new_order_and_its_first_task_opens(session, people):
    call_command("deploy_processes", stdout=StringIO())
    alice = session("alice-new-order")
    alice.login("alice")
    page = alice.page
    page.click(".start-menu > summary")
    alice.screenshot("1-new-menu")
    page.get_by_role("button", name="New order").click()
    task = HumanTask.objects.get(instance__definition__key="sales")
    page.wait_for_url(f"**/tasks/{task.pk}/")
    assert "has started" in page.locator(".flash-success").inner_text()
    assert "Enter the order" in page.locator("h1").inner_text()
    assert task.assignee == people["alice"]
    alice.screenshot("2-first-task")
    alice.assert_no_console_errors()
