"""With a broker, a step's commit hands its fan-out job to the publisher's thread and goes
on; the thread publishes the jobs in order, flushes what is queued at exit, and tells the
people itself when the broker refuses the job."""

import threading

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.notifications import publisher
from processes.notifications.models import Notification
from tests.factories import deploy_fixture, make_user
from workers.celery import app

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def stopped():
    publisher.flush()  # each test starts its own thread, and leaves none behind
    yield
    publisher.flush()


def test_the_jobs_go_out_from_their_own_thread_in_order(monkeypatch):
    sent = []
    monkeypatch.setattr(
        publisher,
        "_send",
        lambda event, payload: sent.append((event, payload, threading.current_thread().name)),
    )
    for n in range(5):
        publisher.publish("task_created", {"task_id": n})
    publisher.flush()
    assert [payload["task_id"] for _event, payload, _name in sent] == [0, 1, 2, 3, 4]
    assert {name for *_rest, name in sent} == {"notifications-publisher"}


def test_a_broker_that_refuses_the_job_still_tells_the_group(settings, monkeypatch):
    deploy_fixture()
    alice = make_user("alice", "sales")
    sam = make_user("sam", "sales")
    # A broker nobody answers at: the publish fails, the publisher's thread tells them.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setitem(app.conf, "broker_url", settings.CELERY_BROKER_URL)
    monkeypatch.setitem(app.conf, "task_publish_retry", False)
    monkeypatch.setitem(app.conf, "broker_transport_options", {"max_retries": 0})
    monkeypatch.setattr(app, "_pool", None)  # connections (and producers) for that broker
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    instance = instance_start(definition_key="order_approval", business_key="SO-5", user=alice)
    publisher.flush()
    task = HumanTask.objects.get(instance=instance)
    assert list(
        Notification.objects.filter(key=f"task:{task.pk}").values_list("recipient", flat=True)
    ) == [sam.pk]
