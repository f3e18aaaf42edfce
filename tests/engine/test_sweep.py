"""The periodic sweep (engine/services/sweep.py): which instances have work due and when,
which buffered messages wake instances or start processes, which expire — read from the
database alone, so that nothing a lost broker message dropped stays undone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engine.models import Message, ProcessInstance
from engine.services.instances import instance_cancel, instance_start
from engine.services.messages import message_send
from engine.services.sweep import (
    drop_ended,
    due_instances,
    instances_with_buffered_messages,
    messages_housekeeping,
    sweep,
)
from engine.signals import swept
from tests.factories import deploy_runtime

pytestmark = pytest.mark.django_db


def _waiting_timers(count: int, runner) -> list[ProcessInstance]:
    deploy_runtime("timers")
    return [instance_start(definition_key="timers", user=runner) for _ in range(count)]


def test_a_timer_is_due_at_its_time_earliest_first_within_the_horizon(runner):
    first, second = _waiting_timers(2, runner)
    assert due_instances() == []  # the one-second timers are not due yet
    soon = due_instances(horizon_s=5)
    assert [pk for pk, _when in soon] == [first.pk, second.pk]
    first.refresh_from_db()
    assert soon[0][1] == first.due_at
    assert [pk for pk, _when in due_instances(horizon_s=5, limit=1)] == [first.pk]


def test_a_case_that_is_not_running_is_not_due(runner):
    first, second = _waiting_timers(2, runner)
    instance_cancel(instance_id=first.pk, user=runner)
    assert [pk for pk, _when in due_instances(horizon_s=5)] == [second.pk]
    # drop_ended reads the sweep's answer again: a case ended since is left out.
    found = dict(due_instances(horizon_s=5)) | {first.pk: timezone.now()}
    assert list(drop_ended(found)) == [second.pk]


def test_a_buffered_message_makes_its_waiting_instance_due_now(runner):
    deploy_runtime("messages")
    message_send(name="goods_arrived", correlation_key="SO-5", ttl_seconds=60)
    assert instances_with_buffered_messages() == []  # nobody waits for it yet
    order = instance_start(definition_key="waiting_order", business_key="SO-5", user=runner)
    assert ProcessInstance.objects.get(pk=order.pk).status == "running"  # a worker takes it
    assert instances_with_buffered_messages() == [order.pk]
    assert order.pk in sweep(horizon_s=0)


def test_housekeeping_starts_by_a_buffered_start_message_and_expires_old_ones(runner):
    deploy_runtime("messages")
    message_send(name="goods_arrived", correlation_key="late", ttl_seconds=60)
    Message.objects.filter(correlation_key="late").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    # A start message buffered before its process was deployed again would start it now.
    Message.objects.create(
        name="restock_request",
        correlation_key="SO-8",
        variables={"sku": "CHAIR"},
        status=Message.Status.BUFFERED,
        expires_at=timezone.now() + timedelta(minutes=1),
    )
    done = messages_housekeeping()
    assert done["expired"] == 1
    [started] = done["started"]
    restock = ProcessInstance.objects.get(pk=started)
    assert restock.definition.key == "restock" and restock.variables["sku"] == "CHAIR"
    statuses = dict(Message.objects.values_list("correlation_key", "status"))
    assert statuses == {"late": "expired", "SO-8": "delivered"}
    # Again: nothing left to start or expire.
    assert messages_housekeeping() == {"started": [], "expired": 0}


def test_a_failing_receiver_of_the_sweep_is_logged_and_the_sweep_goes_on(runner, caplog):
    first, _second = _waiting_timers(2, runner)

    def broken(sender, now, **kwargs):
        raise RuntimeError("the digest is broken")

    swept.connect(broken, dispatch_uid="test-broken")
    try:
        due = sweep(horizon_s=5)
    finally:
        swept.disconnect(dispatch_uid="test-broken")
    assert first.pk in due
    assert "the digest is broken" in caplog.text
