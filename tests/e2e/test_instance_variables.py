"""A manager fixes a wrong quantity on a running case from its monitor page."""

import pytest

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_erin_changes_a_variable_and_reads_it_in_the_history(session, people):
    deploy_fixture()
    instance = instance_start(definition_key="order_approval", business_key="SO-3001")
    task = HumanTask.objects.get(instance=instance, element_id="enter_order")
    task_complete(
        task_id=task.pk,
        user=people["alice"],
        data={"customer": "Acme", "quantity": 50, "price": 30},
    )
    erin = session("erin-variables")
    erin.login("erin")
    page = erin.page
    page.goto(f"/monitor/instances/{instance.pk}/")
    page.click("#variables-edit summary")
    page.fill("#variables-edit input[name=name]", "quantity")
    page.select_option("#variables-edit select[name=kind]", "number")
    page.fill("#variables-edit textarea[name=value]", "many")
    page.click("#variables-edit button[type=submit]")
    assert "is not a number" in page.inner_text("body")

    page.click("#variables-edit summary")
    page.fill("#variables-edit input[name=name]", "quantity")
    page.select_option("#variables-edit select[name=kind]", "number")
    page.fill("#variables-edit textarea[name=value]", "5")
    page.click("#variables-edit button[type=submit]")
    assert "The variable “quantity” is changed." in page.inner_text("body")
    assert "Variables changed" in page.inner_text(".timeline")
    erin.screenshot("1-changed")
    assert ProcessInstance.objects.get(pk=instance.pk).variables["quantity"] == 5

    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#variables-edit summary")
    box = page.locator("#variables-edit").bounding_box()
    assert box and box["x"] + box["width"] <= 390
    erin.screenshot("2-form-390")
    erin.assert_no_console_errors()
