"""A SpiffArena form whose choices come from the task data, in the browser: the choice
list offers the labels the case's script listed; a value slipped in that is not among
them is refused at the field, and a listed one completes the task (1366 and 390 px)."""

import pytest

from engine.models import HumanTask, ProcessInstance
from tests.e2e.foreign import open_first_task
from tests.factories import FIXTURES, zip_bundle

pytestmark = pytest.mark.e2e
FILES = ["pick_fruit.bpmn", "pick-fruit-schema.json", "pick-fruit-uischema.json"]


def test_the_choices_come_from_the_task_data_and_others_are_refused(session, people):
    bundle = zip_bundle({name: (FIXTURES / "spiffarena" / name).read_bytes() for name in FILES})
    browser, task = open_first_task(
        session,
        "spiffarena-choices",
        file_name="fruit.zip",
        content=bundle,
        process="Process_pick_fruit_h2v9d",
        element="Activity_pick",
    )
    page = browser.page
    select = page.locator("select[name='f.favoriteFruit']")
    offered = [text.strip() for text in select.locator("option").all_inner_texts()]
    assert [text for text in offered if text][-3:] == ["Apples", "Oranges", "Bananas"]
    assert "options_from_task_data_var" not in page.content()

    # A value the list does not hold, as a tampered page would post it.
    select.evaluate("s => { s.add(new Option('Kiwis', 'kiwis')); s.value = 'kiwis'; }")
    page.click("button[name=complete]")
    page.wait_for_selector("#id_f-favoriteFruit-error")
    assert "Must be one of the listed choices." in page.inner_text("#id_f-favoriteFruit-error")
    assert HumanTask.objects.get(pk=task.pk).status != HumanTask.Status.COMPLETED
    browser.screenshot("1-refused-1366")

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("select[name='f.favoriteFruit']").select_option("oranges")
    browser.screenshot("2-chosen-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button[name=complete]")
    page.wait_for_selector(".flash-success")
    instance = ProcessInstance.objects.get(pk=task.instance_id)
    assert instance.status == "completed"
    assert instance.variables["favoriteFruit"] == "oranges"
    browser.assert_no_console_errors()
