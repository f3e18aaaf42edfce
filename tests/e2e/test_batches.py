"""Erin changes many cases as a batch in the background and watches its progress until it
says which case could not be changed: she suspends what the monitor's filter shows, moves
the work of every case waiting at a step, and moves every case to a new version."""

import threading

import pytest

from engine.models import ProcessInstance
from engine.services.batches import batches_work
from engine.services.instances import instance_cancel, instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def _work_the_batches():
    """The worker, in another thread: a few instances at a time, as the sweep hands them out."""

    def work():
        while batches_work(limit=3):
            pass

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()


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

    _work_the_batches()
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


def test_erin_sends_every_case_waiting_at_a_step_back_to_the_one_before(session, people):
    from engine.models import HumanTask
    from engine.services.tasks import task_complete
    from tests.factories import make_user

    deploy_fixture("repair_v1")
    wes = make_user("wes", "workshop")
    cases = [instance_start(definition_key="repair", business_key=f"R-{n}") for n in range(4)]
    for case in cases[:3]:  # three wait at "Diagnose", one still at "Receive the device"
        task = HumanTask.objects.get(instance=case, element_id="receive")
        task_complete(task_id=task.pk, user=wes, data={})

    erin = session("erin-batch-modify")
    erin.login("erin")
    page = erin.page
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/monitor/?process=repair")
    page.click("#batch-ops summary")
    page.select_option("#batch-ops select[name=operation]", label="Move their work")
    page.select_option("#batch-ops select[name=cancel]", label="Diagnose")
    page.select_option("#batch-ops select[name=start]", label="Receive the device")
    erin.screenshot("1-move-their-work")
    page.set_viewport_size({"width": 390, "height": 844})
    erin.screenshot("2-move-their-work-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#batch-ops button[type=submit]")
    page.wait_for_selector("#batch-progress[data-status=running]")
    assert "Moving the work of instances" in page.inner_text("h1")

    _work_the_batches()
    page.wait_for_selector("#batch-progress[data-status=done]", timeout=10_000)
    text = page.inner_text("#batch-progress")
    assert "4 of 4 done" in text and "1 could not be changed" in text
    assert "R-3 does not work at “Diagnose”" in text
    erin.screenshot("3-moved")
    waiting = set(
        HumanTask.objects.filter(status="open").values_list("instance__business_key", "element_id")
    )
    assert waiting == {(f"R-{n}", "receive") for n in range(4)}
    erin.assert_no_console_errors()


def test_erin_moves_every_case_to_the_new_version_in_the_background(session, people):
    deploy_fixture("repair_v1")
    cases = [instance_start(definition_key="repair", business_key=f"R-{n}") for n in range(5)]
    deploy_fixture("repair_v2")

    erin = session("erin-migrate-background")
    erin.login("erin")
    page = erin.page
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/processes/repair/versions/")
    page.click("[data-version='1'] [data-migrate]")
    assert "5 cases can move from v1 to v2" in page.inner_text("body")
    page.click("#migration-move button[name=all][value=background]")
    page.wait_for_selector("#batch-progress[data-status=running]")
    assert "Moving instances to another version" in page.inner_text("h1")
    erin.screenshot("1-background")

    _work_the_batches()
    page.wait_for_selector("#batch-progress[data-status=done]", timeout=10_000)
    assert "5 of 5 done" in page.inner_text("#batch-progress")
    erin.screenshot("2-moved")
    versions = ProcessInstance.objects.filter(pk__in=[c.pk for c in cases])
    assert set(versions.values_list("definition__version", flat=True)) == {2}
    erin.assert_no_console_errors()
