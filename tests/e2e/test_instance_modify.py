"""Erin moves a case's work back to an earlier step from its monitor page: she picks the
step by its name, confirms, and the case waits there, its history saying who moved it."""

import pytest

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_erin_moves_a_case_back_to_an_earlier_step(session, people):
    deploy_fixture("repair_v1")
    worker = make_user("wes", "workshop")
    case = instance_start(definition_key="repair", business_key="R-200")
    task = HumanTask.objects.get(instance=case, element_id="receive")
    task_complete(task_id=task.pk, user=worker, data={"note": "cracked screen"})

    erin = session("erin-modify")
    erin.login("erin")
    page = erin.page
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.goto(f"/monitor/instances/{case.pk}/")
    page.click("#modify-work summary")
    assert page.is_checked("#modify-work input[name=cancel][value=diagnose]")
    # The step to start at is clicked on the diagram; a step the case works at toggles.
    page.wait_for_selector(".diagram[data-ready=true]")
    page.click('.diagram [data-element-id="diagnose"]')
    assert not page.is_checked("#modify-work input[name=cancel][value=diagnose]")
    page.click('.diagram [data-element-id="diagnose"]')
    assert page.is_checked("#modify-work input[name=cancel][value=diagnose]")
    page.click('.diagram [data-element-id="receive"]')
    assert page.input_value("#modify-work select[name=start]") == "receive"
    assert page.locator('.diagram [data-element-id="receive"].is-chosen').count() == 1
    page.select_option("#modify-work select[name=start]", label="Receive the device")
    page.fill("#modify-work textarea[name=variables]", '{"note": "check the hinge too"}')
    erin.screenshot("1-form")
    page.click("#modify-work button[type=submit]")
    page.wait_for_selector(".messages")

    body = page.inner_text("body")
    assert questions and "R-200" in questions[0]
    assert "The work is moved; the case now waits at Receive the device." in body
    assert "Work moved by hand" in body
    case.refresh_from_db()
    assert case.active == ["receive"] and case.variables["note"] == "check the hinge too"
    open_tasks = HumanTask.objects.filter(instance=case, status="open")
    assert [row.element_id for row in open_tasks] == ["receive"]
    erin.screenshot("2-moved")

    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#modify-work summary")
    erin.screenshot("3-form-390")
    form = page.locator("#modify-work").bounding_box()
    assert form and form["x"] + form["width"] <= 390
    assert ProcessInstance.objects.get(pk=case.pk).status == "running"
    erin.assert_no_console_errors()
