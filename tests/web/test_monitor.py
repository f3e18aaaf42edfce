"""The monitor: filters and paging, the instance page, cancel / suspend / resume, retry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engine.models import HumanTask, Incident, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture


@pytest.fixture
def failed(order):
    deploy_fixture("script_failure")
    return instance_start(
        definition_key="script_failure", business_key="SPLIT-1", variables={"amount": 1, "parts": 0}
    )


def listed(response) -> list[int]:
    return [instance.pk for instance in response.context["page"].object_list]


def test_filters_by_process_version_status_stage_key_and_start(login, users, order, failed):
    old = instance_start(definition_key="order_approval", business_key="SO-OLD")
    ProcessInstance.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=10))
    erin = login(users["erin"])
    assert listed(erin.get("/monitor/")) == [old.pk, failed.pk, order.pk]
    assert listed(erin.get("/monitor/?process=script_failure")) == [failed.pk]
    assert listed(erin.get("/monitor/?process=order_approval&version=1")) == [old.pk, order.pk]
    assert listed(erin.get("/monitor/?process=order_approval&version=2")) == []
    assert listed(erin.get("/monitor/?status=error")) == [failed.pk]
    assert listed(erin.get("/monitor/?business_key=SO-1")) == [order.pk]
    # The stage is where the case waits; the filter matches a part of it.
    assert listed(erin.get("/monitor/?stage=enter+ord")) == [old.pk, order.pk]
    today = timezone.localdate().isoformat()
    assert old.pk not in listed(erin.get(f"/monitor/?started_from={today}"))
    assert listed(erin.get(f"/monitor/?started_to={timezone.localdate() - timedelta(days=5)}")) == [
        old.pk
    ]
    response = erin.get("/monitor/?process=order_approval")
    assert response.context["choices"]["versions"] == [1]
    assert "Enter order" in response.context["choices"]["stages"]
    assert erin.get("/monitor/?started_from=garbage&version=x").status_code == 200


def test_paging(login, users, order):
    for n in range(30):
        instance_start(definition_key="order_approval", business_key=f"P-{n}")
    erin = login(users["erin"])
    first = erin.get("/monitor/")
    assert len(listed(first)) == 25
    assert first.context["page"].paginator.count == 31
    second = erin.get("/monitor/?page=2")
    assert len(listed(second)) == 6
    assert "Page 2 of 2" in second.content.decode()


def test_empty_monitor_says_what_to_do(login, users, db):
    html = login(users["erin"]).get("/monitor/").content.decode()
    assert "No process has been started yet" in html
    html = login(users["erin"]).get("/monitor/?status=completed").content.decode()
    assert "No instance matches these filters" in html


def test_instance_page_marks_active_completed_and_failed_elements(login, users, order, failed):
    task = HumanTask.objects.get(instance=order)
    task_complete(
        task_id=task.pk, user=users["alice"], data={"customer": "X", "quantity": 20, "price": 100}
    )
    erin = login(users["erin"])
    response = erin.get(f"/monitor/instances/{order.pk}/")
    assert response.context["marks"] == {
        "active": ["approve_order"],
        "done": ["compute_total", "enter_order"],
        "incident": [],
    }
    html = response.content.decode()
    assert "Approve order" in html and "unclaimed" in html  # open task and who may take it
    assert "Task completed" in html  # history
    assert "2000" in html  # variables
    failed_page = erin.get(f"/monitor/instances/{failed.pk}/")
    assert failed_page.context["marks"]["incident"] == ["divide"]
    assert "ZeroDivisionError" in failed_page.content.decode()
    assert erin.get("/monitor/instances/999999/").status_code == 404


def test_suspend_resume_cancel(login, users, order):
    erin = login(users["erin"])
    url = f"/monitor/instances/{order.pk}/"
    assert erin.post(url + "suspend/")["Location"] == url
    order.refresh_from_db()
    assert order.status == "suspended"
    page = erin.get(url).content.decode()
    assert "Resume" in page and "The case SO-1 is suspended." in page
    erin.post(url + "resume/")
    order.refresh_from_db()
    assert order.status == "running"
    erin.post(url + "cancel/")
    order.refresh_from_db()
    assert order.status == "cancelled"
    refused = erin.post(url + "resume/", follow=True)
    said = "Instance SO-1 is “Cancelled”; only a suspended instance is resumed."
    assert said in refused.content.decode()
    assert erin.post(url + "explode/").status_code == 404
    assert erin.get(url + "cancel/").status_code == 405


def test_retry_runs_the_failed_step_again(login, users, failed):
    incident = Incident.objects.get(instance=failed)
    response = login(users["erin"]).post(f"/monitor/incidents/{incident.pk}/retry/", follow=True)
    assert "failed again (attempt 2)" in response.content.decode()
    incident.refresh_from_db()
    assert incident.attempts == 2
    assert login(users["erin"]).post("/monitor/incidents/999999/retry/").status_code == 404


def test_instance_page_shows_tasks_waiting_for_external_workers(login, users):
    from engine.services.definitions import definition_deploy
    from engine.services.external.fetch import TopicRequest, external_tasks_fetch
    from tests.factories import FIXTURES

    path = FIXTURES / "camunda" / "external_order.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    waiting = instance_start(definition_key="external_order", variables={"amount": 5})
    locked = instance_start(definition_key="external_order", variables={"amount": 6})
    erin = login(users["erin"])
    html = erin.get(f"/monitor/instances/{waiting.pk}/").content.decode()
    assert "External tasks" in html and "Check credit" in html
    assert "Waiting for an external worker" in html and "credit-check" in html
    external_tasks_fetch(
        worker_id="printer-7",
        topics=[TopicRequest("credit-check", 60_000)],
        max_tasks=1,
        user=users["erin"],
    )
    html = erin.get(f"/monitor/instances/{waiting.pk}/").content.decode()
    assert "Locked by the worker printer-7 until" in html
    assert (
        "Waiting for an external worker"
        in erin.get(f"/monitor/instances/{locked.pk}/").content.decode()
    )
