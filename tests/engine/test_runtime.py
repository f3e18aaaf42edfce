"""Processes that move by themselves: service tasks with retries, timers, messages."""

import time

import pytest

from engine.exceptions import NotFound
from engine.models import HumanTask, Incident, Message, MessageSubscription, Timer
from engine.services.instances import incident_retry, instance_start
from engine.services.messages import message_send
from engine.services.sweep import due_instance_ids, messages_housekeeping
from engine.services.tasks import task_complete
from tests.factories import deploy_runtime, run_due_work
from tests.support.http import FlakyServer

pytestmark = pytest.mark.django_db


def _work_until(instance, done, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        instance = run_due_work(instance)
        if done(instance):
            return instance
        time.sleep(0.05)
    return instance


def test_service_task_waits_for_worker_then_retries_until_success(runner):
    deploy_runtime("http_call")
    server = FlakyServer(failures=2)
    try:
        instance = instance_start(
            definition_key="http_call", variables={"service_url": server.url}, user=runner
        )
        assert instance.status == "running" and server.calls == 0
        instance = _work_until(instance, lambda i: i.status == "completed")
    finally:
        server.close()
    assert instance.status == "completed"
    assert server.calls == 3
    assert instance.variables["response"] == {"status": 200, "body": {"ok": 3}}
    failed = instance.events.filter(type="service_task_failed")
    assert [e.data["attempt"] for e in failed] == [1, 2]


def test_exhausted_retries_open_incident_and_retry_completes(runner):
    deploy_runtime("http_call")
    server = FlakyServer(failures=100)
    try:
        instance = instance_start(
            definition_key="http_call", variables={"service_url": server.url}, user=runner
        )
        instance = _work_until(instance, lambda i: i.status == "error")
        assert instance.status == "error"
        assert server.calls == 3
        incident = Incident.objects.get(instance=instance, status="open")
        assert incident.element_id == "call_api"
        assert "503" in incident.error
        server.failures = 0
        incident_retry(incident_id=incident.pk, user=runner)
        instance = _work_until(instance, lambda i: i.status == "completed")
    finally:
        server.close()
    assert instance.status == "completed"
    assert Incident.objects.get(pk=incident.pk).status == "resolved"


def test_connector_error_code_takes_the_error_boundary(runner):
    deploy_runtime("http_call")
    server = FlakyServer(failures=100, status=404)
    try:
        instance = instance_start(
            definition_key="http_call", variables={"service_url": server.url}, user=runner
        )
        instance = _work_until(instance, lambda i: i.status == "completed")
    finally:
        server.close()
    assert instance.status == "completed"
    assert instance.stage == "Nothing there"
    assert server.calls == 1
    assert not Incident.objects.filter(instance=instance).exists()


def test_timer_and_non_interrupting_reminder(runner):
    deploy_runtime("timers")
    instance = instance_start(definition_key="timers", user=runner)
    timer = Timer.objects.get(instance=instance)
    assert timer.element_id == "wait"
    assert instance.due_at == timer.due_at
    assert run_due_work(instance).active == ["wait"]  # not due yet
    time.sleep(1.1)
    assert instance.pk in due_instance_ids()
    instance = run_due_work(instance)
    assert "handle" in instance.active
    assert instance.events.filter(type="timer_fired", element_id="wait").exists()
    time.sleep(1.1)
    instance = run_due_work(instance)
    # The reminder ran; the task is still open (non-interrupting).
    assert instance.events.filter(type="script_run", element_id="remind").exists()
    task = HumanTask.objects.get(instance=instance, element_id="handle")
    assert task.status == "open"
    _task, instance = task_complete(task_id=task.pk, user=runner, data={})
    assert instance.status == "completed"
    assert not Timer.objects.filter(instance=instance).exists()


def test_message_correlates_by_business_key_and_dedupes(runner):
    deploy_runtime("messages")
    one = instance_start(definition_key="waiting_order", business_key="SO-1", user=runner)
    two = instance_start(definition_key="waiting_order", business_key="SO-2", user=runner)
    assert MessageSubscription.objects.filter(name="goods_arrived").count() == 2
    result = message_send(
        name="goods_arrived", correlation_key="SO-2", variables={"qty": 5}, message_id="m-1"
    )
    assert result.correlated == [two.pk]
    two.refresh_from_db()
    one.refresh_from_db()
    assert two.status == "completed" and two.variables["qty"] == 5
    assert one.status == "running"
    again = message_send(name="goods_arrived", correlation_key="SO-1", message_id="m-1")
    assert again.duplicate and again.correlated == [two.pk]
    one.refresh_from_db()
    assert one.status == "running"


def test_message_for_nobody_without_ttl_is_refused(runner):
    deploy_runtime("messages")
    with pytest.raises(NotFound):
        message_send(name="goods_arrived", correlation_key="nobody")
    assert not Message.objects.exists()


def test_buffered_message_is_delivered_when_instance_waits(runner):
    deploy_runtime("messages")
    result = message_send(name="goods_arrived", correlation_key="SO-9", ttl_seconds=60)
    assert result.buffered and not result.correlated
    instance = instance_start(definition_key="waiting_order", business_key="SO-9", user=runner)
    instance = run_due_work(instance)
    assert instance.status == "completed"
    assert Message.objects.get(name="goods_arrived").status == "delivered"


def test_thrown_message_starts_process_whose_end_wakes_the_thrower(runner):
    deploy_runtime("messages")
    order = instance_start(definition_key="waiting_order", business_key="SO-7", user=runner)
    # The message starts its process in the thrower's own step: nothing waits for a sweep.
    message = Message.objects.get(name="restock_request")
    assert message.status == "delivered"
    assert len(message.instances) == 1
    assert messages_housekeeping()["started"] == []
    receive = HumanTask.objects.get(instance_id=message.instances[0], element_id="receive_goods")
    assert receive.instance.business_key == "SO-7"
    task_complete(task_id=receive.pk, user=runner, data={})
    order = run_due_work(order)
    assert order.status == "completed"


def test_timer_start_event_cycle_starts_instances(runner):
    from engine.models import ProcessInstance
    from engine.services.start_timers import fire_start_timers

    deploy_runtime("timer_start")
    timer = Timer.objects.get(kind="start")
    assert timer.element_id == "tick" and timer.cycles_left == 1
    assert fire_start_timers() == []
    time.sleep(1.1)
    first = fire_start_timers()
    assert len(first) == 1
    instance = ProcessInstance.objects.get(pk=first[0])
    assert instance.active == ["look"]
    time.sleep(1.1)
    assert len(fire_start_timers()) == 1
    time.sleep(1.1)
    assert fire_start_timers() == []
    assert not Timer.objects.filter(kind="start").exists()


def test_a_start_timer_read_by_two_sweepers_fires_once(runner):
    """Two sweepers (two web processes, two beats) that read the same due timer: the
    second finds it moved on and starts nothing."""
    from datetime import timedelta

    from engine.models import ProcessInstance
    from engine.services.start_timers import fire_start_timer

    deploy_runtime("timer_start")
    timer = Timer.objects.get(kind="start")
    now = timer.due_at + timedelta(milliseconds=10)
    first = fire_start_timer(timer.pk, now)
    assert first is not None
    assert fire_start_timer(timer.pk, now) is None  # the stale read of the second sweeper
    assert ProcessInstance.objects.filter(definition__key=timer.definition.key).count() == 1
    assert Timer.objects.get(pk=timer.pk).due_at == timer.due_at + timedelta(
        seconds=timer.interval_s
    )


def test_thrown_message_reaches_every_waiting_instance(runner):
    deploy_runtime("messages")
    first = instance_start(definition_key="waiting_order", business_key="SO-5", user=runner)
    second = instance_start(definition_key="waiting_order", business_key="SO-5", user=runner)
    restocks = HumanTask.objects.filter(element_id="receive_goods")
    assert restocks.count() == 2  # each order's request started a restock
    receive = restocks.first()
    task_complete(task_id=receive.pk, user=runner, data={})
    assert run_due_work(first).status == "completed"
    assert run_due_work(second).status == "completed"


def test_each_start_event_starts_its_own_path(runner):
    """A process started by hand, by a message or by its timer runs from that start event,
    though a none start event would otherwise finish first."""
    from engine.models import ProcessInstance
    from engine.services.start_timers import fire_start_timers

    deploy_runtime("two_starts")
    by_hand = instance_start(definition_key="two_starts", user=runner)
    assert by_hand.active == ["enter_order"]
    assert "source" not in by_hand.variables

    # Both paths meet at a gateway: the message's path runs, then joins.
    result = message_send(name="web_order", correlation_key="WEB-1", variables={"lines": 2})
    from_web = ProcessInstance.objects.get(pk=result.started[0])
    assert from_web.status == "running"
    assert from_web.active == ["enter_order"]
    assert from_web.variables == {"lines": 2, "source": "web"}
    assert from_web.business_key == "WEB-1"

    time.sleep(1.1)
    (nightly_id,) = fire_start_timers()
    assert ProcessInstance.objects.get(pk=nightly_id).active == ["plan_reorder"]
    assert HumanTask.objects.filter(element_id="enter_order").count() == 2


def test_processes_that_start_each_other_at_once_are_left_to_the_sweep(runner):
    from engine.models import ProcessInstance
    from engine.services.messages import MAX_NESTED_STARTS

    deploy_runtime("ping_pong")
    result = message_send(name="ping", correlation_key="rally")
    # ping starts ponger, which throws pong, which starts pinger, … a few rounds deep; the
    # next message waits for the sweep instead of starting without end in one transaction.
    assert len(result.started) == 1
    assert ProcessInstance.objects.count() == MAX_NESTED_STARTS + 1
    assert Message.objects.filter(status="buffered").count() == 1
    assert len(messages_housekeeping()["started"]) == 1
