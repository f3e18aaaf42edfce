import pytest

from engine.exceptions import Conflict, InvalidData
from engine.models import HumanTask, Incident
from engine.services.instances import (
    incident_retry,
    instance_cancel,
    instance_resume,
    instance_start,
    instance_suspend,
)
from engine.services.tasks import task_claim, task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner():
    return make_user("runner", is_superuser=True)


def test_start_puts_first_task_in_lane_group_inbox(runner):
    deploy_fixture()
    instance = instance_start(definition_key="order_approval", business_key="SO-1", user=runner)
    assert instance.status == "running"
    assert instance.active == ["enter_order"]
    # The stage is where the case waits: its first task.
    assert instance.stage == "Enter order"
    task = HumanTask.objects.get(instance=instance)
    assert task.candidate_groups == ["sales"]
    assert task.form_key == "order-schema.json"
    assert list(instance.events.values_list("type", flat=True)) == [
        "started",
        "task_created",
        "stage_reached",
    ]


def test_unknown_definition_is_invalid(runner):
    with pytest.raises(InvalidData) as exc:
        instance_start(definition_key="nope", user=runner)
    assert "definition" in exc.value.errors


def test_variables_must_be_an_object(runner):
    deploy_fixture()
    with pytest.raises(InvalidData):
        instance_start(definition_key="order_approval", variables=[1, 2], user=runner)


def test_suspend_blocks_work_until_resumed(runner):
    deploy_fixture()
    instance = instance_start(definition_key="order_approval", user=runner)
    task = HumanTask.objects.get(instance=instance)
    instance_suspend(instance_id=instance.pk, user=runner)
    with pytest.raises(Conflict):
        task_claim(task_id=task.pk, user=runner)
    with pytest.raises(Conflict):
        instance_suspend(instance_id=instance.pk, user=runner)
    assert instance_resume(instance_id=instance.pk, user=runner).status == "running"
    assert task_claim(task_id=task.pk, user=runner).assignee == runner


def test_cancel_closes_open_tasks(runner):
    deploy_fixture()
    instance = instance_start(definition_key="order_approval", user=runner)
    cancelled = instance_cancel(instance_id=instance.pk, user=runner)
    assert cancelled.status == "cancelled"
    assert HumanTask.objects.get(instance=instance).status == "cancelled"
    with pytest.raises(Conflict):
        instance_cancel(instance_id=instance.pk, user=runner)


def test_failing_script_opens_incident_and_retry_counts_attempts(runner):
    deploy_fixture("script_failure")
    instance = instance_start(
        definition_key="script_failure", variables={"amount": 10, "parts": 0}, user=runner
    )
    assert instance.status == "error"
    incident = Incident.objects.get(instance=instance)
    assert incident.element_id == "divide"
    assert "ZeroDivisionError" in incident.error or "division by zero" in incident.error
    assert instance.active == ["divide"]
    incident = incident_retry(incident_id=incident.pk, user=runner)
    assert incident.status == "open"
    assert incident.attempts == 2
    assert Incident.objects.filter(instance=instance).count() == 1


def test_script_that_succeeds_runs_once(runner):
    deploy_fixture("script_failure")
    instance = instance_start(
        definition_key="script_failure", variables={"amount": 10, "parts": 4}, user=runner
    )
    assert instance.status == "running"
    assert instance.variables["share"] == 2.5
    assert instance.events.filter(type="script_run", element_id="divide").count() == 1


def test_endless_script_ends_as_incident(runner, settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "SCRIPT_TIME_LIMIT": 0.5}
    deploy_fixture("endless_script")
    instance = instance_start(
        definition_key="endless_script", variables={"amount": 1, "parts": 1}, user=runner
    )
    assert instance.status == "error"
    incident = Incident.objects.get(instance=instance)
    assert incident.element_id == "divide"
    assert "time" in incident.error.lower()


def test_limit_breached_at_run_time_ends_as_incident(runner):
    # range() over 10**12 items can only be seen at run time; the sandbox refuses it.
    deploy_fixture("huge_range")
    instance = instance_start(
        definition_key="huge_range", variables={"amount": 1, "parts": 10**12}, user=runner
    )
    assert instance.status == "error"
    assert "share" not in instance.variables
    assert Incident.objects.get(instance=instance).element_id == "divide"


def test_claim_then_complete_by_assignee(runner):
    deploy_fixture()
    alice = make_user("alice", "Sales")
    instance = instance_start(definition_key="order_approval", user=runner)
    task = HumanTask.objects.get(instance=instance)
    task_claim(task_id=task.pk, user=alice)
    _task, instance = task_complete(
        task_id=task.pk, user=alice, data={"customer": "ACME", "quantity": 3, "price": 2}
    )
    assert instance.status == "completed"
