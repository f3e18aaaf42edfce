"""The Celery tasks' own logic, without a broker: the sweep's batches of due work, and a
batch that advances each instance at its moment, once however often it runs."""

import time

import pytest

from engine.models import ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import FIXTURES
from workers import tasks


@pytest.fixture
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks, "_marks", lambda: None)
    monkeypatch.setattr(tasks, "mark_sweep", lambda: None)
    sent = []
    monkeypatch.setattr(tasks.advance_due, "delay", sent.append)
    return sent


def _start(name: str, count: int) -> list[ProcessInstance]:
    path = FIXTURES / "runtime" / f"{name}.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    return [instance_start(definition_key=name) for _ in range(count)]


def test_batches_keep_the_due_order_and_split_by_size_and_span():
    now = 1000.0
    overdue = [(i, now - 5 + i / 1000) for i in range(45)]
    assert [len(batch) for batch in tasks.batches(overdue, now)] == [20, 20, 5]
    assert [pair for batch in tasks.batches(overdue, now) for pair in batch] == overdue
    later = [(1, now + 1.0), (2, now + 1.1), (3, now + 1.3), (4, now + 1.31)]
    assert tasks.batches(later, now) == [later[:2], later[2:]]


@pytest.mark.django_db
def test_sweep_hands_out_due_instances_in_due_order(no_broker):
    instances = _start("timers", 3)  # a timer a second from now
    ended = instances.pop()
    ProcessInstance.objects.filter(pk=ended.pk).update(status=ProcessInstance.Status.CANCELLED)
    assert tasks.sweep() == 2
    handed_out = [pair for batch in no_broker for pair in batch]
    due = sorted(instances, key=lambda instance: (instance.due_at, instance.pk))
    assert handed_out == [(i.pk, i.due_at.timestamp()) for i in due]


@pytest.mark.django_db
def test_a_batch_fires_each_timer_at_its_moment_once_however_often_it_runs(no_broker):
    instances = _start("timer3s", 2)  # a timer three seconds from now, then the end
    batch = [(instance.pk, instance.due_at.timestamp()) for instance in instances]
    time.sleep(max(0.0, batch[0][1] - tasks.LOOKAHEAD_S - time.time()))  # the sweep's look-ahead
    assert tasks.advance_due(batch) == 2
    assert tasks.advance_due(batch) == 0
    for instance in instances:
        instance.refresh_from_db()
        assert instance.status == ProcessInstance.Status.COMPLETED
        (fired,) = instance.events.filter(type="timer_fired", element_id="wait")
        assert 0 <= fired.data["late_s"] < 1.0


@pytest.mark.django_db
def test_a_batch_leaves_work_due_beyond_the_look_ahead_to_the_sweep(no_broker):
    (instance,) = _start("timer3s", 1)
    assert tasks.advance_due([(instance.pk, time.time() + 60)]) == 0
    instance.refresh_from_db()
    assert instance.active == ["wait"]
