"""A Camunda 7 generated form (camunda:formData), in the browser: the task page shows its
fields with their labels, defaults and choices; a value breaking a constraint is refused
at the field, changing nothing, and a right one completes the task (1366 and 390 px)."""

import pytest

from engine.models import HumanTask, ProcessInstance
from tests.e2e.foreign import open_first_task
from tests.factories import FIXTURES

pytestmark = pytest.mark.e2e


def test_the_generated_fields_show_and_their_constraints_are_checked(session, people):
    browser, task = open_first_task(
        session,
        "camunda-generated-form",
        file_name="leave.bpmn",
        content=(FIXTURES / "camunda" / "generated_form.bpmn").read_bytes(),
        process="leave_request",
        element="Activity_request",
    )
    page = browser.page
    text = page.inner_text("main")
    for label in ("Reason", "Days", "Paid leave", "First day", "Kind of leave", "Employee"):
        assert label in text
    assert page.input_value("input[name='f.days']") == "1"
    assert page.input_value("input[name='f.firstDay']") == "2026-06-01"
    kinds = page.locator("select[name='f.kind'] option").all_inner_texts()
    assert [k.strip() for k in kinds if k.strip()][-3:] == ["Holiday", "Sick leave", "Unpaid leave"]
    assert "Alice Martin" in page.content()  # read only: shown, not entered

    page.fill("input[name='f.reason']", "Family wedding")
    # A tampered page posts more days than the form's maximum (30).
    page.locator("input[name='f.days']").evaluate(
        "i => { i.removeAttribute('max'); i.value = '45'; }"
    )
    page.click("button[name=complete]")
    page.wait_for_selector("#id_f-days-error")
    assert "Must be at most 30." in page.inner_text("#id_f-days-error")
    assert HumanTask.objects.get(pk=task.pk).status != HumanTask.Status.COMPLETED
    assert "days" not in ProcessInstance.objects.get(pk=task.instance_id).variables
    browser.screenshot("1-refused-1366")

    page.set_viewport_size({"width": 390, "height": 844})
    page.fill("input[name='f.days']", "3")
    page.locator("select[name='f.kind']").select_option("sick")
    browser.screenshot("2-filled-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button[name=complete]")
    page.wait_for_selector(".flash-success")
    instance = ProcessInstance.objects.get(pk=task.instance_id)
    assert instance.status == "completed"
    assert instance.variables["days"] == 3 and instance.variables["kind"] == "sick"
    assert instance.variables["reason"] == "Family wedding"
    browser.assert_no_console_errors()
