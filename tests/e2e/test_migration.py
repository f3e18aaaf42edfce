"""Erin moves running cases from v1 of a process to v2 from its version list: the check
names the case that cannot move and why, a mapping lets the renamed step's case move."""

import pytest

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_erin_moves_cases_to_the_new_version(session, people):
    deploy_fixture("repair_v1")
    worker = make_user("wes", "workshop")
    instance_start(definition_key="repair", business_key="R-100")
    at_diagnose = instance_start(definition_key="repair", business_key="R-101")
    task = HumanTask.objects.get(instance=at_diagnose, element_id="receive")
    task_complete(task_id=task.pk, user=worker, data={})
    deploy_fixture("repair_v2")

    erin = session("erin-migration")
    erin.login("erin")
    page = erin.page
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/processes/repair/versions/")
    page.click("[data-version='1'] [data-migrate]")
    body = page.inner_text("body")
    assert "1 case can move from v1 to v2" in body
    blocked = page.inner_text(f"tr[data-instance='{at_diagnose.pk}']")
    assert "Diagnose" in blocked and "v2 does not have" in blocked
    # The library's guess for the renamed step is offered, chosen in the select.
    assert page.input_value("select[name=map_diagnose]") == "inspect"
    erin.screenshot("1-plan")

    page.click("#migration-plan button[type=submit]")
    assert "2 cases can move from v1 to v2" in page.inner_text("body")
    page.set_viewport_size({"width": 390, "height": 844})
    erin.screenshot("2-plan-390")
    table = page.locator(".table-wrap").bounding_box()
    assert table and table["x"] + table["width"] <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("#migration-move button[name=all]")
    assert "2 cases moved to v2." in page.inner_text("body")
    assert set(ProcessInstance.objects.values_list("definition__version", flat=True)) == {2}
    erin.screenshot("3-moved")

    page.goto(f"/monitor/instances/{at_diagnose.pk}/")
    assert "Inspect the device" in page.inner_text("body")
    erin.assert_no_console_errors()
