"""Timers and subscriptions follow what a workflow waits for (engine/services/waiting.py),
written only when they change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engine.models import MessageSubscription, Timer
from engine.runtime.runner import load_workflow
from engine.services import waiting
from engine.services.instances import instance_start
from engine.services.synced import synced
from tests.factories import deploy_runtime

pytestmark = pytest.mark.django_db


def test_a_waiting_timer_has_one_row_and_a_second_sync_writes_nothing(runner):
    deploy_runtime("timers")
    instance = instance_start(definition_key="timers", user=runner)
    [timer] = Timer.objects.filter(instance=instance)
    assert (timer.kind, timer.element_id) == ("event", "wait")
    assert instance.due_at == timer.due_at
    workflow = load_workflow(instance)
    synced(workflow).timers = None  # a workflow loaded afresh knows nothing it wrote
    assert waiting.sync_timers(instance, workflow) == timer.due_at
    assert list(Timer.objects.filter(instance=instance)) == [timer]  # same row, not rewritten
    with CaptureQueriesContext(connection) as queries:
        assert waiting.sync_timers(instance, workflow) == timer.due_at
    assert queries.captured_queries == []  # its memo says the rows already match


def test_a_message_catch_has_its_subscription_under_its_key(runner):
    deploy_runtime("messages")
    instance = instance_start(definition_key="waiting_order", business_key="SO-7", user=runner)
    [subscription] = MessageSubscription.objects.filter(instance=instance)
    assert (subscription.name, subscription.correlation_key) == ("goods_arrived", "SO-7")
    assert subscription.element_id == "wait_goods"
    workflow = load_workflow(instance)  # loaded afresh: it knows nothing it wrote
    elements = instance.definition.elements
    # False: no buffered message waits for it to pick up.
    assert waiting.sync_subscriptions(instance, workflow, elements) is False
    assert list(MessageSubscription.objects.filter(instance=instance)) == [subscription]
    with CaptureQueriesContext(connection) as queries:
        assert waiting.sync_subscriptions(instance, workflow, elements) is False
    assert queries.captured_queries == []  # its memo says the rows already match


def test_the_due_timers_are_those_past_their_time(runner):
    deploy_runtime("timers")
    instance = instance_start(definition_key="timers", user=runner)
    workflow = load_workflow(instance)
    [timer] = Timer.objects.filter(instance=instance)
    assert waiting.due_timer_tasks(workflow, timer.due_at.replace(year=2000)) == []
    [(task, due)] = waiting.due_timer_tasks(workflow, timer.due_at)
    assert task.task_spec.bpmn_id == "wait" and due == timer.due_at
