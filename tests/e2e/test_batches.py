"""Erin suspends every running case the monitor's filter shows, as a batch in the
background, and watches its progress until it says which case could not be changed."""

import threading

import pytest

from engine.models import ProcessInstance
from engine.services.batches import batches_work
from engine.services.instances import instance_cancel, instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_erin_suspends_cases_by_filter_and_watches_the_progress(session, people):
    deploy_fixture("repair_v1")
    cases = [instance_start(definition_key="repair", business_key=f"R-{n}") for n in range(12)]
    instance_cancel(instance_id=cases[0].pk)

    erin = session("erin-batch")
    erin.login("erin")
    page = erin.page
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.goto("/monitor/?process=repair")
    page.click("#batch-ops summary")
    page.select_option("#batch-ops select[name=operation]", label="Suspend them")
    erin.screenshot("1-choose")
    page.click("#batch-ops button[type=submit]")
    page.wait_for_selector("#batch-progress[data-status=running]")
    assert questions == ["Change 12 instances? Each is changed on its own, in the background."]
    assert "0 of 12 done" in page.inner_text("#batch-progress")
    erin.screenshot("2-running")

    # The worker: a few instances at a time, as the sweep hands them out.
    def work():
        while batches_work(limit=3):
            pass

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    page.wait_for_selector("#batch-progress[data-status=done]", timeout=10_000)
    text = page.inner_text("#batch-progress")
    assert "12 of 12 done" in text and "1 could not be changed" in text
    assert "Instance R-0 is “Cancelled”; only a running instance is suspended." in text
    erin.screenshot("3-done")
    page.set_viewport_size({"width": 390, "height": 844})
    erin.screenshot("4-done-390")
    box = page.locator("#batch-progress").bounding_box()
    assert box and box["x"] + box["width"] <= 390
    statuses = set(ProcessInstance.objects.exclude(pk=cases[0].pk).values_list("status", flat=True))
    assert statuses == {"suspended"}
    erin.assert_no_console_errors()
