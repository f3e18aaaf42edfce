import pytest

from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import HumanTask, InstanceEvent
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete, task_form, task_unclaim
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

GOOD = {"customer": "ACME", "quantity": 200, "price": 10}


@pytest.fixture
def started():
    deploy_fixture()
    alice = make_user("alice", "sales")
    instance = instance_start(definition_key="order_approval", user=alice)
    return alice, instance, HumanTask.objects.get(instance=instance)


def test_non_candidate_cannot_claim_or_complete(started):
    _alice, _instance, task = started
    bob = make_user("bob", "warehouse")
    with pytest.raises(Forbidden):
        task_claim(task_id=task.pk, user=bob)
    with pytest.raises(Forbidden):
        task_complete(task_id=task.pk, user=bob, data=GOOD)


def test_claimed_task_is_someone_elses(started):
    alice, _instance, task = started
    other = make_user("sam", "sales")
    task_claim(task_id=task.pk, user=alice)
    with pytest.raises(Conflict):
        task_claim(task_id=task.pk, user=other)
    with pytest.raises(Forbidden):
        task_complete(task_id=task.pk, user=other, data=GOOD)
    task_unclaim(task_id=task.pk, user=alice)
    assert task_claim(task_id=task.pk, user=other).assignee == other


def test_invalid_form_data_changes_nothing(started):
    alice, instance, task = started
    events_before = InstanceEvent.objects.filter(instance=instance).count()
    state_before = instance.state
    with pytest.raises(InvalidData) as exc:
        task_complete(task_id=task.pk, user=alice, data={"customer": "ACME", "quantity": 0})
    assert set(exc.value.errors) == {"quantity", "price"}
    instance.refresh_from_db()
    task.refresh_from_db()
    assert task.status == "open"
    assert instance.state == state_before
    assert InstanceEvent.objects.filter(instance=instance).count() == events_before


def test_completing_twice_is_a_conflict(started):
    alice, _instance, task = started
    task_complete(task_id=task.pk, user=alice, data=GOOD)
    with pytest.raises(Conflict):
        task_complete(task_id=task.pk, user=alice, data=GOOD)
    assert (
        InstanceEvent.objects.filter(type="task_completed", element_id="enter_order").count() == 1
    )


def test_second_task_goes_to_second_lane(started):
    alice, instance, task = started
    task_complete(task_id=task.pk, user=alice, data=GOOD)
    second = HumanTask.objects.get(instance=instance, status="open")
    assert second.element_id == "approve_order"
    assert second.candidate_groups == ["managers"]
    assert second.data["total"] == 2000
    with pytest.raises(Forbidden):
        task_claim(task_id=second.pk, user=alice)


def test_task_form_carries_schema_and_ui_schema(started):
    _alice, _instance, task = started
    form = task_form(task)
    assert form["schema"]["required"] == ["customer", "quantity", "price"]
    assert form["ui_schema"]["ui:order"] == ["customer", "quantity", "price"]
