"""Alice delegates her task to Carol from the task page and gets it back resolved."""

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from tests.e2e.conftest import PASSWORD
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_alice_delegates_to_carol_and_erin_reassigns(session, people):
    deploy_fixture()
    make_user("carol", "sales", password=PASSWORD, first_name="Carol")
    make_user("dan", "sales", password=PASSWORD, first_name="Dan")
    instance = instance_start(
        definition_key="order_approval", business_key="SO-3001", user=people["alice"]
    )
    task = HumanTask.objects.get(instance=instance)
    task_claim(task_id=task.pk, user=people["alice"])

    alice = session("alice-delegates")
    alice.login("alice")
    page = alice.page
    page.goto(f"/tasks/{task.pk}/")
    page.fill('form[action$="/delegate/"] input[name=user]', "carol")
    page.fill('form[action$="/delegate/"] input[name=reason]', "Carol knows this customer")
    page.click("button[data-delegate]")
    assert "is delegated to carol" in page.locator(".flash-success").inner_text()
    alice.screenshot("1-delegated")

    carol = session("carol-resolves")
    carol.login("carol")
    carol.page.goto(f"/tasks/{task.pk}/")
    carol.page.set_viewport_size({"width": 390, "height": 900})
    carol.screenshot("1-task-390")
    carol.page.click("button[data-resolve]")
    assert "handed back to alice" in carol.page.locator(".flash-success").inner_text()

    page.goto(f"/tasks/{task.pk}/")
    assert page.locator("button[name=complete]").is_visible()
    history = page.locator(".side").inner_text()
    assert "Task delegated" in history and "Task resolved" in history

    erin = session("erin-reassigns")
    erin.login("erin")
    erin.page.goto(f"/tasks/{task.pk}/")
    erin.page.select_option('form[action$="/assign/"] select[name=user]', "dan")
    erin.page.click("button[data-assign]")
    assert "now goes to dan" in erin.page.locator(".flash-success").inner_text()
    erin.screenshot("1-reassigned")
    assert HumanTask.objects.get(pk=task.pk).assignee.username == "dan"
    for made in (alice, carol, erin):
        made.assert_no_console_errors()
