"""Moving a running instance's work by hand: cancel at an element, start before or after
another; a refused move (unknown element, one of another process, an ended instance, no
right) changes nothing that is stored.

"repair": receive → diagnose → parts (timer, 2 s) → repair_device → returned.
"""

import pytest

from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import HumanTask, InstanceEvent, ProcessInstance, Timer
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_cancel, instance_start
from engine.services.modification import instance_modify
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, fixture_bytes, make_user, zip_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin():
    return make_user("erin", "managers")


@pytest.fixture
def wes():
    return make_user("wes", "workshop")


def _complete(instance, element_id, worker, data=None):
    task = HumanTask.objects.get(instance=instance, element_id=element_id, status="open")
    task_complete(task_id=task.pk, user=worker, data=data or {})


@pytest.fixture
def at_diagnose(erin, wes):
    deploy_fixture("repair_v1")
    instance = instance_start(definition_key="repair", business_key="R-1", user=erin)
    _complete(instance, "receive", wes, {"note": "cracked screen"})
    instance.refresh_from_db()
    assert instance.active == ["diagnose"]
    return instance


def _stored(instance):
    row = ProcessInstance.objects.get(pk=instance.pk)
    return (
        row.state,
        row.revision,
        row.active,
        row.status,
        list(HumanTask.objects.filter(instance=instance).values_list("element_id", "status")),
        InstanceEvent.objects.filter(instance=instance).count(),
        Timer.objects.filter(instance=instance).count(),
    )


def _open(instance):
    return list(
        HumanTask.objects.filter(instance=instance, status="open").values_list(
            "element_id", flat=True
        )
    )


def test_moved_back_it_does_the_step_again_and_finishes(at_diagnose, erin, wes):
    moved = instance_modify(
        instance_id=at_diagnose.pk,
        user=erin,
        instructions=[
            {"type": "cancel", "element": "diagnose"},
            {"type": "start_before", "element": "receive", "variables": {"note": "again"}},
        ],
    )
    assert moved.active == ["receive"]
    assert _open(moved) == ["receive"]
    assert HumanTask.objects.get(instance=moved, element_id="diagnose").status == "cancelled"
    event = InstanceEvent.objects.get(instance=moved, type="modified")
    assert event.user == erin
    assert event.data["instructions"][1] == {
        "type": "start_before",
        "element": "receive",
        "variables": {"note": "again"},
    }
    # The new task has the instance's data with the variable set.
    assert moved.variables["note"] == "again"
    _complete(moved, "receive", wes)
    _complete(moved, "diagnose", wes)
    moved.refresh_from_db()
    assert moved.active == ["parts"]


def test_moved_forward_past_the_timer_it_finishes(at_diagnose, erin, wes):
    moved = instance_modify(
        instance_id=at_diagnose.pk,
        user=erin,
        instructions=[
            {"type": "cancel", "element": "diagnose"},
            {"type": "start_after", "element": "parts"},
        ],
    )
    assert _open(moved) == ["repair_device"]
    assert not Timer.objects.filter(instance=moved).exists()
    _complete(moved, "repair_device", wes)
    moved.refresh_from_db()
    assert moved.status == "completed"


def test_start_before_a_timer_waits_for_it(at_diagnose, erin):
    moved = instance_modify(
        instance_id=at_diagnose.pk,
        user=erin,
        instructions=[
            {"type": "cancel", "element": "diagnose"},
            {"type": "start_before", "element": "parts"},
        ],
    )
    assert moved.active == ["parts"]
    assert Timer.objects.filter(instance=moved).count() == 1
    assert _open(moved) == []


@pytest.mark.parametrize(
    ("instructions", "field", "words"),
    [
        ([{"type": "start_before", "element": "nowhere"}], "instructions[0].element", "nowhere"),
        (
            [{"type": "cancel", "element": "receive"}],
            "instructions[0].element",
            "Receive the device",
        ),
        ([{"type": "jump", "element": "receive"}], "instructions[0].type", "cancel"),
        ([], "instructions", "list"),
        ([{"type": "cancel", "element": "diagnose"}], "instructions", "left"),
    ],
)
def test_an_impossible_move_is_refused_naming_it_and_changes_nothing(
    at_diagnose, erin, instructions, field, words
):
    before = _stored(at_diagnose)
    with pytest.raises(InvalidData) as refused:
        instance_modify(instance_id=at_diagnose.pk, user=erin, instructions=instructions)
    assert field in refused.value.errors
    assert words in " ".join(refused.value.errors[field])
    assert _stored(at_diagnose) == before


def test_an_element_of_the_called_process_is_refused_naming_it(erin):
    content = zip_bundle(
        {
            "call_activity.bpmn": fixture_bytes("call_activity.bpmn"),
            "approval-schema.json": fixture_bytes("approval-schema.json"),
        }
    )
    definition_deploy(file_name="call.zip", content=content, user=None, check_role=False)
    parent = instance_start(definition_key="parent_process", user=erin)
    before = _stored(parent)
    with pytest.raises(InvalidData) as refused:
        instance_modify(
            instance_id=parent.pk,
            user=erin,
            instructions=[
                {"type": "cancel", "element": "call_child"},
                {"type": "start_before", "element": "approve"},
            ],
        )
    assert refused.value.errors == {
        "instructions[1].element": [
            "“Approve” belongs to “Child”, another process than “Parent”: move the work of "
            "that process's own instance."
        ]
    }
    assert _stored(parent) == before


def test_an_ended_instance_is_a_conflict(at_diagnose, erin):
    instance_cancel(instance_id=at_diagnose.pk, user=erin)
    before = _stored(at_diagnose)
    with pytest.raises(Conflict) as refused:
        instance_modify(
            instance_id=at_diagnose.pk,
            user=erin,
            instructions=[{"type": "start_before", "element": "receive"}],
        )
    assert "R-1" in refused.value.message
    assert _stored(at_diagnose) == before


def test_without_the_operator_right_nothing_moves(at_diagnose, wes):
    before = _stored(at_diagnose)
    with pytest.raises(Forbidden):
        instance_modify(
            instance_id=at_diagnose.pk,
            user=wes,
            instructions=[{"type": "start_before", "element": "receive"}],
        )
    assert _stored(at_diagnose) == before
