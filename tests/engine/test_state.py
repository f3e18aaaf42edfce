"""The persisted engine state follows the live work, not the history (invariant 2)."""

import json

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


def _open_tasks(instance):
    return list(HumanTask.objects.filter(instance=instance, status__in=["open", "claimed"]))


def _state_tasks(instance) -> int:
    instance.refresh_from_db()
    return len(json.loads(instance.state)["workflow"]["tasks"])


def test_loop_state_does_not_grow_with_rounds():
    deploy_fixture("parallel_loop")
    user = make_user("runner", is_superuser=True)
    instance = instance_start(
        definition_key="parallel_loop", variables={"rounds": 0, "limit": 30}, user=user
    )
    sizes = []
    for _ in range(30):
        tasks = _open_tasks(instance)
        assert sorted(t.element_id for t in tasks) == ["task_a", "task_b"]
        for task in tasks:
            task_complete(task_id=task.pk, user=user, data={})
        instance.refresh_from_db()
        if instance.status == "running":
            sizes.append((len(instance.state), _state_tasks(instance)))
    instance.refresh_from_db()
    assert instance.status == "completed"
    assert instance.variables["rounds"] == 30
    # The history is all there, in the event log, not in the state.
    assert instance.events.filter(type="task_completed").count() == 60
    first_bytes, first_tasks = sizes[0]
    last_bytes, last_tasks = sizes[-1]
    assert last_tasks <= first_tasks + 2
    assert last_bytes < first_bytes * 1.3


def test_join_waits_for_both_branches_after_pruning():
    deploy_fixture("parallel_loop")
    user = make_user("runner", is_superuser=True)
    instance = instance_start(
        definition_key="parallel_loop", variables={"rounds": 0, "limit": 3}, user=user
    )
    for _ in range(2):
        first, second = sorted(_open_tasks(instance), key=lambda t: t.element_id)
        task_complete(task_id=first.pk, user=user, data={})
        # The join must still wait for the other branch.
        assert [t.element_id for t in _open_tasks(instance)] == [second.element_id]
        task_complete(task_id=second.pk, user=user, data={})
    instance.refresh_from_db()
    assert instance.variables["rounds"] == 2
    assert instance.status == "running"


def test_completed_instance_keeps_variables_not_state():
    deploy_fixture()
    user = make_user("runner", is_superuser=True)
    instance = instance_start(definition_key="order_approval", user=user)
    task = _open_tasks(instance)[0]
    _task, instance = task_complete(
        task_id=task.pk, user=user, data={"customer": "ACME", "quantity": 1, "price": 5}
    )
    assert instance.status == "completed"
    assert instance.state == ""
    assert instance.variables["total"] == 5
    assert instance.stage == "Order accepted"


def test_multi_instance_items_survive_a_fresh_process_and_are_pruned():
    from engine.runtime.caches import clear_all

    deploy_fixture("multi_instance")
    user = make_user("runner", is_superuser=True)
    items = [{"sku": f"S{i}"} for i in range(12)]
    instance = instance_start(
        definition_key="multi_instance", variables={"items": items}, user=user
    )
    task_counts = []
    for index in range(12):
        clear_all()  # as if each step ran in another worker process
        task = _open_tasks(instance)[0]
        assert task.data["item"] == {"sku": f"S{index}"}
        _task, instance = task_complete(
            task_id=task.pk, user=user, data={"result": {"ok": index % 2 == 0}}
        )
        if instance.status == "running":
            task_counts.append(_state_tasks(instance))
    assert instance.status == "completed"
    assert instance.variables["accepted"] == 6
    assert len(instance.variables["results"]) == 12
    assert max(task_counts) == min(task_counts)


def test_hot_workflow_is_reused_only_at_its_revision(django_capture_on_commit_callbacks):
    from engine.runtime.caches import HOT

    deploy_fixture("parallel_loop")
    user = make_user("runner", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        instance = instance_start(
            definition_key="parallel_loop", variables={"rounds": 0, "limit": 3}, user=user
        )
    cached = HOT[instance.pk]
    assert cached[0] == instance.revision
    first, second = sorted(_open_tasks(instance), key=lambda t: t.element_id)
    with django_capture_on_commit_callbacks(execute=True):
        task_complete(task_id=first.pk, user=user, data={})
    # The step took the cached workflow and kept the new one at the new revision.
    instance.refresh_from_db()
    assert HOT[instance.pk][0] == instance.revision
    assert HOT[instance.pk][2] is cached[2]
    # A stale entry (another process moved the instance on) is not used.
    HOT[instance.pk] = (instance.revision - 1, instance.definition_id, cached[2])
    _task, instance = task_complete(task_id=second.pk, user=user, data={})
    assert instance.variables["rounds"] == 1
