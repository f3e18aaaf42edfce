"""Who is told of a step is worked out after it commits, away from the committing thread
(the embedded worker's, here), and a job run twice tells nobody twice."""

import threading
import time

import pytest
from django.core import mail

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.notifications import fanout, subscribers
from processes.notifications.models import Notification
from tests.factories import deploy_fixture, make_user
from workers import embedded

pytestmark = pytest.mark.django_db(transaction=True)


def _wait(predicate, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.02)
    return predicate()


def test_the_embedded_worker_tells_the_group_not_the_committing_thread(monkeypatch):
    deploy_fixture()
    alice = make_user("alice", "sales")
    sam = make_user("sam", "sales", email="sam@example.com")
    threads = []
    found = subscribers.candidates_of
    monkeypatch.setattr(
        subscribers,
        "candidates_of",
        lambda task: threads.append(threading.current_thread().name) or found(task),
    )
    monkeypatch.setattr(fanout, "_runner", embedded.submit)
    embedded.start()
    try:
        instance = instance_start(definition_key="order_approval", user=alice)
        assert _wait(lambda: Notification.objects.filter(recipient=sam).exists())
    finally:
        embedded.stop()
    assert threads == ["hypercrm-embedded-worker"]
    [note] = Notification.objects.filter(recipient=sam)
    task = HumanTask.objects.get(instance=instance)
    assert (note.kind, note.link) == ("task_queued", f"/tasks/{task.pk}/")
    assert not Notification.objects.filter(recipient=alice).exists()
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]


def test_a_job_done_twice_tells_each_person_once():
    deploy_fixture()
    alice = make_user("alice", "sales")
    make_user("sam", "sales", email="sam@example.com")
    make_user("carl", "sales", email="carl@example.com")
    instance = instance_start(definition_key="order_approval", user=alice)  # told at once
    task = HumanTask.objects.get(instance=instance)
    fanout.fan_out("task_created", {"task_id": task.pk})  # redelivered
    fanout.fan_out("task_created", {"task_id": task.pk})
    told = Notification.objects.filter(key=f"task:{task.pk}")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["carl", "sam"]
    assert sorted(m.to[0] for m in mail.outbox) == ["carl@example.com", "sam@example.com"]


def test_new_people_are_told_in_one_insert():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from processes.notifications.services import notify_many

    people = [make_user(name, "sales", email=f"{name}@example.com") for name in "abcde"]
    with CaptureQueriesContext(connection) as queries:
        told = notify_many(
            recipient_ids=[p.pk for p in people], kind="task_queued", key="k", subject="S"
        )
    table = Notification._meta.db_table
    inserts = [q for q in queries if q["sql"].startswith(f'INSERT INTO "{table}"')]
    assert len(inserts) == 1
    assert sorted(told) == sorted(p.pk for p in people)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_people_told_meanwhile_are_left_out_of_the_insert(monkeypatch):
    """The same event handled twice at once: the second job's look at who was told missed
    the first job's rows; its INSERT fails and each person is stored alone."""
    from processes.notifications import services

    sam, carl = make_user("sam", "sales"), make_user("carl", "sales")
    services.notify(recipient_id=sam.pk, kind="task_queued", key="k")
    monkeypatch.setattr(services, "told_already", lambda key, ids: set())
    told = services.notify_many(recipient_ids=[sam.pk, carl.pk], kind="task_queued", key="k")
    assert list(told) == [carl.pk]
    assert Notification.objects.filter(key="k").count() == 2


def test_a_failing_job_leaves_the_step_committed(monkeypatch):
    deploy_fixture()
    alice = make_user("alice", "sales")

    def broken(**_):
        raise RuntimeError("mail server on fire")

    monkeypatch.setitem(fanout.EVENTS, "task_created", broken)
    instance = instance_start(definition_key="order_approval", user=alice)
    assert HumanTask.objects.filter(instance=instance, status="open").count() == 1
    assert not Notification.objects.exists()
