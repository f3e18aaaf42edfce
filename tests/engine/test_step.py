"""A step writes what it holds at its end: its history in one insert, its instance's row
last (engine/services/step.py)."""

import pytest
from django.db import transaction

from engine.models import HumanTask, InstanceEvent, ProcessInstance
from engine.models.events import EventType
from engine.runtime.spiff import BpmnWorkflow
from engine.services.instances import instance_start
from engine.services.step import current_step, open_step, record, save_instance
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

GOOD = {"customer": "ACME", "quantity": 200, "price": 10}


@pytest.fixture
def two():
    deploy_fixture()
    alice = make_user("alice", "sales")
    first = instance_start(definition_key="order_approval", user=alice)
    second = instance_start(definition_key="order_approval", user=alice)
    return alice, first, second


def _events(instance) -> int:
    return InstanceEvent.objects.filter(instance=instance).count()


def _stage(instance) -> str:
    return ProcessInstance.objects.get(pk=instance.pk).stage


def test_outside_a_step_history_is_written_at_once(two):
    _alice, first, _second = two
    before = _events(first)
    assert current_step() is None
    record(first, EventType.STAGE_REACHED, data={"stage": "Now"})
    assert _events(first) == before + 1


def test_inside_a_step_history_and_the_owners_row_wait_for_its_end(two):
    _alice, first, second = two
    before = _events(first)
    with transaction.atomic(), open_step() as step:
        step.owner = first.pk
        record(first, EventType.STAGE_REACHED, data={"stage": "Held"})
        first.stage, second.stage = "Held", "Written now"
        save_instance(first, ["stage"])
        save_instance(second, ["stage"])
        assert _events(first) == before
        assert _stage(first) != "Held"  # the owner's row: at the end
        assert _stage(second) == "Written now"  # another instance's row: at once
    assert _events(first) == before + 1
    assert _stage(first) == "Held"


def test_a_step_opened_inside_another_joins_it(two):
    _alice, first, _second = two
    before = _events(first)
    with transaction.atomic(), open_step() as outer:
        with open_step() as inner:
            assert inner is outer
            record(first, EventType.STAGE_REACHED, data={"stage": "Inner"})
        assert _events(first) == before  # the inner block's end wrote nothing
    assert _events(first) == before + 1


def test_the_owner_saved_twice_keeps_both_writes(two):
    _alice, first, _second = two
    with transaction.atomic(), open_step() as step:
        step.owner = first.pk
        first.stage = "First"
        save_instance(first, ["stage"])
        first.business_key = "SO-2"
        save_instance(first, ["business_key"])
    stored = ProcessInstance.objects.get(pk=first.pk)
    assert (stored.stage, stored.business_key) == ("First", "SO-2")


def test_a_step_that_fails_writes_nothing(two):
    _alice, first, _second = two
    before = _events(first)
    with pytest.raises(RuntimeError), transaction.atomic(), open_step() as step:
        step.owner = first.pk
        record(first, EventType.STAGE_REACHED, data={"stage": "Lost"})
        first.stage = "Lost"
        save_instance(first, ["stage"])
        raise RuntimeError("the step fails")
    assert _events(first) == before
    assert _stage(first) != "Lost"
    assert current_step() is None


def test_persist_leaves_the_owners_workflow_and_what_it_wrote_on_the_step(two):
    alice, first, _second = two
    task = HumanTask.objects.get(instance=first)
    with transaction.atomic(), open_step() as step:
        task_complete(task_id=task.pk, user=alice, data=GOOD)
        assert step.owner == first.pk
        assert isinstance(step.workflow, BpmnWorkflow)
        assert step.thrown == []
        open_ids = set(
            HumanTask.objects.filter(instance=first, status="open").values_list(
                "spiff_task_id", flat=True
            )
        )
        assert step.synced.open_tasks == open_ids
        types = [e.type for e in step.events]
        assert types[:2] == ["task_claimed", "task_completed"] and "task_created" in types
        assert InstanceEvent.objects.filter(instance=first, type="task_completed").count() == 0
