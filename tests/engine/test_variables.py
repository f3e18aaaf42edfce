"""Changing a running instance's variables by hand: checked, applied where the instance
waits, recorded with old and new values; a refused change writes nothing."""

import pytest

from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import HumanTask, InstanceEvent
from engine.services.instances import instance_cancel, instance_start, instance_suspend
from engine.services.tasks import task_complete
from engine.services.variables import instance_variables_update
from tests.factories import FIXTURES, deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fixture_forms(settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": FIXTURES}


@pytest.fixture
def cast():
    return {
        "erin": make_user("erin", "managers"),
        "olga": make_user("olga", "process-owners"),
        "alice": make_user("alice", "sales"),
    }


@pytest.fixture
def waiting(cast):
    """An order waiting at "Approve order", entered with a wrong quantity."""
    deploy_fixture()
    instance = instance_start(
        definition_key="order_approval", business_key="SO-7", user=cast["alice"]
    )
    task = HumanTask.objects.get(instance=instance, element_id="enter_order")
    task_complete(
        task_id=task.pk, user=cast["alice"], data={"customer": "Acme", "quantity": 50, "price": 30}
    )
    instance.refresh_from_db()
    return instance


def state_of(instance):
    instance.refresh_from_db()
    return (instance.revision, instance.state, instance.events.count())


def test_a_manager_changes_a_variable_and_the_next_step_reads_it(waiting, cast):
    changed = instance_variables_update(
        instance_id=waiting.pk, user=cast["erin"], changes={"quantity": 5, "note": "phoned"}
    )
    assert changed.variables["quantity"] == 5 and changed.variables["note"] == "phoned"
    assert changed.revision == waiting.revision + 1
    event = InstanceEvent.objects.filter(instance=waiting, type="variables_changed").get()
    assert event.user == cast["erin"]
    assert event.data["changes"] == [
        {"name": "note", "old": None, "new": "phoned", "added": True},
        {"name": "quantity", "old": 50, "new": 5, "added": False},
    ]
    approval = HumanTask.objects.get(instance=waiting, element_id="approve_order", status="open")
    task_complete(task_id=approval.pk, user=cast["erin"], data={"approved": True})
    waiting.refresh_from_db()
    assert waiting.variables["quantity"] == 5  # carried through the step that came next


def test_a_process_owner_may_and_a_salesperson_may_not(waiting, cast):
    instance_variables_update(instance_id=waiting.pk, user=cast["olga"], changes={"note": "x"})
    before = state_of(waiting)
    with pytest.raises(Forbidden) as refused:
        instance_variables_update(instance_id=waiting.pk, user=cast["alice"], changes={"note": "y"})
    assert "managers and process owners" in str(refused.value.message)
    assert state_of(waiting) == before


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"quantity": "many"}, "quantity", "whole number"),
        ({"quantity": 0}, "quantity", "1"),
        ({"customer": ""}, "customer", ""),
        ({"_engine": 1}, "_engine", "belong to the engine"),
        ({"not a name": 1}, "not a name", "letters, digits"),
        ({"class": 1}, "class", "letters, digits"),
        ({}, "__all__", "object of name"),
    ],
)
def test_a_change_that_fails_its_check_writes_nothing(waiting, cast, changes, field, says):
    before = state_of(waiting)
    with pytest.raises(InvalidData) as refused:
        instance_variables_update(instance_id=waiting.pk, user=cast["erin"], changes=changes)
    assert field in refused.value.errors
    assert says in " ".join(refused.value.errors[field])
    assert state_of(waiting) == before


def test_none_removes_a_variable(waiting, cast):
    changed = instance_variables_update(
        instance_id=waiting.pk, user=cast["erin"], changes={"customer": None}
    )
    assert "customer" not in changed.variables


def test_a_suspended_instance_may_change_an_ended_one_may_not(waiting, cast):
    instance_suspend(instance_id=waiting.pk, user=cast["erin"])
    instance_variables_update(instance_id=waiting.pk, user=cast["erin"], changes={"note": "ok"})
    instance_cancel(instance_id=waiting.pk, user=cast["erin"])
    before = state_of(waiting)
    with pytest.raises(Conflict) as refused:
        instance_variables_update(instance_id=waiting.pk, user=cast["erin"], changes={"note": "no"})
    assert "SO-7" in refused.value.message and "has ended" in refused.value.message
    assert state_of(waiting) == before
