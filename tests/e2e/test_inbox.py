"""An employee works a task from the inbox: claim, a wrong value, the fix, done."""

import pytest

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_alice_claims_fixes_a_field_error_and_completes_her_task(session, people):
    deploy_fixture()
    instance = instance_start(
        definition_key="order_approval", business_key="SO-1001", user=people["alice"]
    )
    instance_start(definition_key="order_approval", business_key="SO-1002", user=people["alice"])
    task = HumanTask.objects.get(instance=instance)

    alice = session("alice-task")
    alice.login("alice")
    page = alice.page
    assert page.url.endswith("/inbox/")
    row = page.locator(f'tr[data-task="{task.pk}"]')
    assert "SO-1001" in row.inner_text()
    assert page.locator('[data-count="group"]').inner_text() == "2"
    alice.screenshot("1-inbox")

    row.locator("button[data-claim]").click()
    page.wait_for_url(f"**/tasks/{task.pk}/")
    assert "is now yours" in page.locator(".flash-success").inner_text()
    assert page.locator("[data-status]").inner_text() == "Claimed"

    page.fill("#id_f-customer", "Fjord Trading")
    page.fill("#id_f-quantity", "0")
    page.fill("#id_f-price", "12.50")
    page.click("button[name=complete]")
    error = page.locator('[data-field="quantity"] .error')
    error.wait_for()
    assert "Must be at least 1." in error.inner_text()
    # The other values stay as typed; nothing moved on in the process.
    assert page.input_value("#id_f-customer") == "Fjord Trading"
    task.refresh_from_db()
    assert task.status == HumanTask.Status.CLAIMED
    alice.screenshot("2-field-error")

    page.fill("#id_f-quantity", "4")
    page.click("button[name=complete]")
    page.wait_for_url("**/inbox/")
    assert "is done" in page.locator(".flash-success").inner_text()
    assert page.locator(f'tr[data-task="{task.pk}"]').count() == 0
    alice.screenshot("3-done")

    task.refresh_from_db()
    instance.refresh_from_db()
    assert task.status == HumanTask.Status.COMPLETED
    assert task.completed_data == {"customer": "Fjord Trading", "quantity": 4, "price": 12.5}
    assert instance.status == ProcessInstance.Status.COMPLETED
    assert instance.variables["total"] == 50
    alice.assert_no_console_errors()
