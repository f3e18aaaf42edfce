"""A real Celery worker tells the people of a new task once the step commits — the
committing process only hands the event over — and a redelivered job tells nobody twice
(PostgreSQL, Redis, the worker in its own process)."""

import time

from bench.cluster import wait_for
from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.notifications import subscribers
from processes.notifications.models import Notification
from processes.notifications.tasks import fan_out_task
from tests.factories import deploy_fixture, make_user


def test_the_worker_tells_the_group_once_and_the_step_does_not(cluster, settings, monkeypatch):
    settings.CELERY_BROKER_URL = cluster.env["CELERY_BROKER_URL"]
    cluster.env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    deploy_fixture()
    alice = make_user("alice", "sales")
    for name in ("sam", "sue", "sid"):
        make_user(name, "sales", email=f"{name}@example.com")
    here = []
    monkeypatch.setattr(subscribers, "candidates_of", lambda task: here.append(task) or [])
    cluster.start_worker()
    instance = instance_start(definition_key="order_approval", user=alice)
    task = HumanTask.objects.get(instance=instance)
    told = Notification.objects.filter(key=f"task:{task.pk}")
    assert wait_for(lambda: told.count() == 3, 30), cluster.logs()
    assert here == []  # not worked out in the committing process
    assert sorted(told.values_list("recipient__username", flat=True)) == ["sam", "sid", "sue"]
    assert wait_for(lambda: not told.filter(emailed_at__isnull=True).exists(), 30)
    emailed = sorted(told.values_list("emailed_at", flat=True))
    fan_out_task.delay("task_created", {"task_id": task.pk})  # redelivered
    fan_out_task.delay("task_created", {"task_id": task.pk})
    time.sleep(3)
    assert told.count() == 3
    assert sorted(told.values_list("emailed_at", flat=True)) == emailed  # no e-mail again
