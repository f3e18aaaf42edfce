"""Batch operations: one pending item per chosen instance, each done once in its own
transaction; stopped half-way, the next run does the rest; what could not change is listed."""

import pytest

from engine.exceptions import Forbidden, InvalidData
from engine.models import Batch, BatchItem, InstanceEvent, ProcessInstance
from engine.selectors import instances
from engine.services.batches import batch_create, batch_work, batches_work
from engine.services.instances import instance_cancel, instance_start
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin():
    return make_user("erin", "managers")


@pytest.fixture
def cases(erin):
    deploy_fixture("repair_v1")
    found = [
        instance_start(definition_key="repair", business_key=f"R-{n}", user=erin) for n in range(6)
    ]
    instance_cancel(instance_id=found[0].pk, user=erin)
    return found


def _suspended_events():
    return list(
        InstanceEvent.objects.filter(type="suspended").values_list("instance_id", flat=True)
    )


def test_a_batch_stopped_half_way_finishes_and_touches_each_instance_once(cases, erin):
    batch = batch_create(
        user=erin, operation="suspend", instances=instances(definition="repair"),
        selection={"process": "repair"},
    )  # fmt: skip
    assert (batch.total, batch.done, batch.status) == (6, 0, "running")
    assert not _suspended_events()  # creating it changes no instance

    assert batch_work(batch_id=batch.pk, limit=3) == 3  # the worker dies after three
    batch.refresh_from_db()
    assert (batch.done, batch.status) == (3, "running")
    assert batches_work() == 3  # the next sweep does the rest
    batch.refresh_from_db()
    assert (batch.total, batch.done, batch.failed, batch.status) == (6, 6, 1, "done")
    assert batch_work(batch_id=batch.pk) == 0  # run again: nothing more

    running = sorted(c.pk for c in cases[1:])
    assert sorted(_suspended_events()) == running  # one event each
    statuses = dict(ProcessInstance.objects.values_list("pk", "status"))
    assert {statuses[pk] for pk in running} == {"suspended"}
    refused = BatchItem.objects.get(batch=batch, status="refused")
    assert refused.instance_id == cases[0].pk and "“Cancelled”" in refused.message


def test_only_managers_and_only_what_exists(cases, erin):
    wes = make_user("wes", "workshop")
    with pytest.raises(Forbidden):
        batch_create(user=wes, operation="cancel", instances=[cases[1].pk])
    with pytest.raises(InvalidData) as refused:
        batch_create(user=erin, operation="cancel", instances=[cases[1].pk, 999999])
    assert refused.value.errors == {"instances": ["999999"]}
    with pytest.raises(InvalidData) as refused:
        batch_create(user=erin, operation="delete", instances=[cases[1].pk])
    assert "operation" in refused.value.errors
    with pytest.raises(InvalidData):
        batch_create(user=erin, operation="cancel", instances=instances(definition="nothing"))
    assert not Batch.objects.exists()


def test_retry_incidents_reports_instances_without_one(cases, erin):
    batch = batch_create(user=erin, operation="retry_incidents", instances=[cases[1].pk])
    batch_work(batch_id=batch.pk)
    item = BatchItem.objects.get(batch=batch)
    assert (item.status, item.message) == ("refused", "It has no open incident.")


def test_a_modify_batch_moves_the_work_of_each_case_waiting_there(cases, erin):
    """Every case waiting at "Diagnose" goes back to "Receive the device"; the one that
    waits elsewhere is listed with the reason, and each moved case has one history event."""
    from engine.models import HumanTask
    from engine.services.tasks import task_claim, task_complete

    wes = make_user("wes", "workshop")
    for case in cases[1:4]:  # three reach "Diagnose"; two stay at "Receive the device"
        task = HumanTask.objects.get(instance=case, status="open")
        task_claim(task_id=task.pk, user=wes)
        task_complete(task_id=task.pk, user=wes, data={})
    instructions = [
        {"type": "cancel", "element": "diagnose"},
        {"type": "start_before", "element": "receive", "variables": {"note": "again"}},
    ]
    batch = batch_create(
        user=erin, operation="modify", instances=[c.pk for c in cases[1:]],
        instructions=instructions,
    )  # fmt: skip
    assert batch.parameters == {
        "instructions": [{**instructions[0], "variables": {}}, instructions[1]]
    }
    assert not InstanceEvent.objects.filter(type="modified").exists()
    batches_work()
    batch.refresh_from_db()
    assert (batch.total, batch.done, batch.failed, batch.status) == (5, 5, 2, "done")
    waiting = {
        case.business_key: sorted(
            HumanTask.objects.filter(instance=case, status="open").values_list(
                "element_id", flat=True
            )
        )
        for case in cases[1:]
    }
    assert set(map(tuple, waiting.values())) == {("receive",)}
    moved = InstanceEvent.objects.filter(type="modified").values_list("instance", flat=True)
    moved = sorted(moved)
    assert moved == sorted(c.pk for c in cases[1:4])
    assert ProcessInstance.objects.get(pk=cases[1].pk).variables["note"] == "again"
    refused = BatchItem.objects.filter(batch=batch, status="refused").order_by("instance_id")
    assert [item.instance_id for item in refused] == [cases[4].pk, cases[5].pk]
    assert "does not work at “Diagnose”" in refused[0].message


def test_a_modify_batch_with_wrong_instructions_is_refused_and_nothing_is_made(cases, erin):
    with pytest.raises(InvalidData) as refused:
        batch_create(
            user=erin, operation="modify", instances=[cases[1].pk],
            instructions=[{"type": "jump", "element": "diagnose"}],
        )  # fmt: skip
    assert "instructions[0].type" in refused.value.errors
    with pytest.raises(InvalidData) as refused:
        batch_create(user=erin, operation="modify", instances=[cases[1].pk])
    assert "instructions" in refused.value.errors
    assert not Batch.objects.exists()
