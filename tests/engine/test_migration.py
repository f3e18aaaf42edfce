"""Moving running instances from one version of a process to another: the plan says which
can move and why the others cannot; the move goes one instance at a time under its lock,
keeps each waiting task's data and timer, and is recorded; a refused move changes nothing.

v1 of "repair": receive → diagnose → parts (timer, 2 s) → repair_device → returned.
v2: receive → inspect (diagnose renamed) → parts → returned (repair_device removed).
"""

import time

import pytest
from django.contrib.auth.models import User

from engine.exceptions import Forbidden, InvalidData
from engine.models import HumanTask, InstanceEvent, ProcessInstance, Timer
from engine.services.instances import instance_start, instance_suspend
from engine.services.migration import (
    MigrationRefused,
    instance_migrate,
    instances_migrate,
    migration_plan,
)
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user, run_due_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin():
    return make_user("erin", "managers")


def _complete(instance, element_id, _user=None, data=None):
    """Done by the workshop (the diagram's lane)."""
    worker = User.objects.filter(username="wes").first() or make_user("wes", "workshop")
    task = HumanTask.objects.get(instance=instance, element_id=element_id, status="open")
    task_complete(task_id=task.pk, user=worker, data=data or {})


@pytest.fixture
def cases(erin):
    """v1 instances waiting at receive, diagnose, the timer and repair_device; then v2."""
    deploy_fixture("repair_v1")
    found = {}
    # R-4 first, past the timer (2 s) to repair_device; the others after, so that R-3's
    # timer is not due yet.
    for key, steps in {
        "R-4": ["receive", "diagnose"],
        "R-1": [],
        "R-2": ["receive"],
        "R-3": ["receive", "diagnose"],
    }.items():
        instance = instance_start(definition_key="repair", business_key=key, user=erin)
        for step in steps:
            _complete(instance, step, erin, {"note": f"{key} {step}"})
        found[key] = instance
        if key == "R-4":
            time.sleep(2.1)
            run_due_work(instance)
    deploy_fixture("repair_v2")
    for instance in found.values():
        instance.refresh_from_db()
    assert [found[k].active for k in sorted(found)] == [
        ["receive"],
        ["diagnose"],
        ["parts"],
        ["repair_device"],
    ]
    return found


def _plan(user, **kwargs):
    return migration_plan(user=user, key="repair", from_version=1, to_version=2, **kwargs)


def test_the_plan_names_who_can_move_and_why_the_others_cannot(cases, erin):
    plan = _plan(erin)
    movable = {check.instance.business_key for check in plan.movable}
    assert movable == {"R-1", "R-3"}
    reasons = {
        check.instance.business_key: [(b.element_id, b.reason) for b in check.blockers]
        for check in plan.blocked
    }
    assert reasons == {"R-2": [("diagnose", "removed")], "R-4": [("repair_device", "removed")]}
    # The library's guess for the renamed element is offered, not applied.
    assert plan.suggestions == {"diagnose": "inspect"}
    # Nothing moved.
    assert set(ProcessInstance.objects.values_list("definition__version", flat=True)) == {1}
    assert not InstanceEvent.objects.filter(type="migrated").exists()


def test_a_mapping_moves_the_renamed_element(cases, erin):
    plan = _plan(erin, mapping={"diagnose": "inspect"})
    assert {check.instance.business_key for check in plan.movable} == {"R-1", "R-2", "R-3"}
    assert plan.suggestions == {}


def test_all_that_can_move_move_and_finish_on_v2(cases, erin):
    due_before = Timer.objects.get(instance=cases["R-3"]).due_at
    result = instances_migrate(
        user=erin, key="repair", from_version=1, to_version=2, mapping={"diagnose": "inspect"}
    )
    assert sorted(i.business_key for i in result.moved) == ["R-1", "R-2", "R-3"]
    assert [(i.business_key, "“Repair the device”" in m) for i, m in result.refused] == [
        ("R-4", True)
    ]
    r2 = cases["R-2"]
    r2.refresh_from_db()
    assert r2.definition.version == 2 and r2.active == ["inspect"]
    row = HumanTask.objects.get(instance=r2, status="open")
    assert (row.element_id, row.name, row.definition.version) == (
        "inspect",
        "Inspect the device",
        2,
    )
    event = InstanceEvent.objects.get(instance=r2, type="migrated")
    assert event.user == erin
    assert event.data == {"from_version": 1, "to_version": 2, "mapping": {"diagnose": "inspect"}}
    # The task keeps its data; the timer keeps its due time.
    assert r2.variables["note"] == "R-2 receive"
    r3 = cases["R-3"]
    r3.refresh_from_db()
    assert r3.definition.version == 2 and r3.active == ["parts"]
    assert Timer.objects.get(instance=r3).due_at == due_before
    # They run to the end on v2 (no repair step any more).
    _complete(r2, "inspect", erin)
    r2.refresh_from_db()
    assert r2.active == ["parts"]
    time.sleep(2.1)
    for instance in (r2, r3):
        run_due_work(instance)
        assert instance.status == "completed"
    r1 = cases["R-1"]
    for step in ("receive", "inspect"):
        _complete(r1, step, erin)
    r1.refresh_from_db()
    assert r1.active == ["parts"] and r1.definition.version == 2
    r4 = cases["R-4"]
    r4.refresh_from_db()
    assert r4.definition.version == 1 and r4.active == ["repair_device"]


def test_chosen_instances_that_cannot_move_are_refused_by_name_and_none_moves(cases, erin):
    chosen = [cases["R-1"].pk, cases["R-4"].pk]
    before = {i.pk: (i.revision, i.state) for i in ProcessInstance.objects.all()}
    with pytest.raises(MigrationRefused) as refused:
        instances_migrate(
            user=erin, key="repair", from_version=1, to_version=2, instance_ids=chosen
        )
    assert "R-4" in refused.value.message and "Repair the device" in refused.value.message
    assert refused.value.status_code == 409
    assert [r["id"] for r in refused.value.refused] == [cases["R-4"].pk]
    after = {i.pk: (i.revision, i.state) for i in ProcessInstance.objects.all()}
    assert after == before


def test_one_instance_moved_directly_is_refused_by_its_lock_check(cases, erin):
    plan = _plan(erin)
    with pytest.raises(Exception) as refused:
        instance_migrate(instance_id=cases["R-4"].pk, target=plan.target, mapping={}, user=erin)
    assert refused.value.status_code == 409
    assert "R-4" in refused.value.message


def test_a_suspended_instance_moves_and_stays_suspended(cases, erin):
    instance_suspend(instance_id=cases["R-1"].pk, user=erin)
    result = instances_migrate(
        user=erin, key="repair", from_version=1, to_version=2, instance_ids=[cases["R-1"].pk]
    )
    (moved,) = result.moved
    assert moved.status == "suspended" and moved.definition.version == 2


def test_bad_plans_name_the_field(cases, erin):
    with pytest.raises(InvalidData) as bad:
        _plan(erin, mapping={"nowhere": "inspect"})
    assert list(bad.value.errors) == ["mapping.nowhere"]
    with pytest.raises(InvalidData) as bad:
        _plan(erin, mapping={"diagnose": "nowhere"})
    assert "nowhere" in bad.value.errors["mapping.diagnose"][0]
    with pytest.raises(InvalidData) as bad:
        migration_plan(user=erin, key="repair", from_version=1, to_version=9)
    assert list(bad.value.errors) == ["to_version"]
    with pytest.raises(InvalidData) as bad:
        migration_plan(user=erin, key="repair", from_version=1, to_version=1)
    assert list(bad.value.errors) == ["to_version"]
    with pytest.raises(InvalidData) as bad:
        _plan(erin, instance_ids=[999999])
    assert list(bad.value.errors) == ["instances"]


def test_only_managers_and_process_owners_may_move_instances(cases):
    alice = make_user("alice", "sales")
    olga = make_user("olga", "process-owners")
    with pytest.raises(Forbidden):
        _plan(alice)
    assert len(_plan(olga).checks) == 4
