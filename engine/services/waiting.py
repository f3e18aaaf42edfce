"""Project what a workflow waits for into rows the sweep and the message API can query.

Timers → `Timer` rows, message catches → `MessageSubscription` rows, and the instance's
`due_at`: the earliest moment the engine has something to do without anybody acting.
"""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from django.utils import timezone

from engine.models import Message, MessageSubscription, ProcessInstance, Timer
from engine.runtime.blame import expression_failure, mark_failed
from engine.runtime.correlation import correlation_expression, correlation_key
from engine.runtime.runner import RETRY_AT, Failure
from engine.runtime.spiff import (
    BpmnWorkflow,
    CycleTimerEventDefinition,
    MessageEventDefinition,
    MultipleEventDefinition,
    Task,
    TaskState,
    TimerEventDefinition,
)
from engine.types import Elements

from .synced import synced


def _definitions(task: Task) -> list[Any]:
    definition = getattr(task.task_spec, "event_definition", None)
    if isinstance(definition, MultipleEventDefinition):
        return list(definition.event_definitions)
    return [definition] if definition is not None else []


def _waiting(workflow: BpmnWorkflow) -> list[Task]:
    return [t for t in workflow.event_manager.tasks.values() if t.has_state(TaskState.WAITING)]


def timer_due(task: Task, definition: Any) -> datetime:
    value = task.internal_data.get("event_value")
    try:
        if isinstance(definition, CycleTimerEventDefinition) and isinstance(value, dict):
            return datetime.fromisoformat(value["next"])
        if isinstance(value, str):
            return TimerEventDefinition.get_datetime(value)
    except (KeyError, ValueError, TypeError):
        pass
    # Not evaluated yet: look again shortly.
    return datetime.now(UTC) + timedelta(seconds=1)


def due_timer_tasks(workflow: BpmnWorkflow, now: datetime) -> list[tuple[Task, datetime]]:
    """(task, due time) of every waiting timer event that is due by `now`."""
    due = []
    for task in _waiting(workflow):
        for definition in _definitions(task):
            if isinstance(definition, TimerEventDefinition):
                moment = timer_due(task, definition)
                if moment <= now:
                    due.append((task, moment))
    return due


def desired_timers(workflow: BpmnWorkflow) -> list[tuple[str, str, UUID, datetime]]:
    wanted = []
    for task in _waiting(workflow):
        for definition in _definitions(task):
            if isinstance(definition, TimerEventDefinition):
                wanted.append(
                    (
                        Timer.Kind.EVENT,
                        task.task_spec.bpmn_id or "",
                        task.id,
                        timer_due(task, definition),
                    )
                )
    for task in workflow.get_tasks(state=TaskState.READY):
        if retry_at := task.internal_data.get(RETRY_AT):
            wanted.append(
                (
                    Timer.Kind.RETRY,
                    task.task_spec.bpmn_id or "",
                    task.id,
                    datetime.fromisoformat(retry_at),
                )
            )
    return wanted


def sync_timers(instance: ProcessInstance, workflow: BpmnWorkflow) -> datetime | None:
    """Make the instance's Timer rows match the workflow; return the earliest due time."""
    wanted = desired_timers(workflow)
    keys = {(k, e, s, d) for k, e, s, d in wanted}
    memo = synced(workflow)
    if memo.timers == keys:
        return min((d for *_rest, d in wanted), default=None)
    memo.timers = keys
    current = {
        (t.kind, t.element_id, t.spiff_task_id, t.due_at): t.pk
        for t in Timer.objects.filter(instance=instance)
    }
    wanted_keys = {(k, e, s, d) for k, e, s, d in wanted}
    stale = [pk for key, pk in current.items() if key not in wanted_keys]
    if stale:
        Timer.objects.filter(pk__in=stale).delete()
    Timer.objects.bulk_create(
        [
            Timer(instance=instance, kind=k, element_id=e, spiff_task_id=s, due_at=d)
            for k, e, s, d in wanted
            if (k, e, s, d) not in current
        ]
    )
    return min((d for *_rest, d in wanted), default=None)


def event_subprocess_starts(workflow: BpmnWorkflow) -> list[tuple[Any, Any, str]]:
    """(start event spec, message definition, sub-process spec name) of the process's
    message-started event sub-processes: SpiffWorkflow starts them when the workflow
    catches that message."""
    found = []
    for name in getattr(workflow.spec.start, "trigger_specs", None) or []:
        spec = workflow.subprocess_specs.get(name)
        for start in getattr(spec, "bpmn_start_events", None) or []:
            definition = getattr(start, "event_definition", None)
            if isinstance(definition, MessageEventDefinition):
                found.append((start, definition, name))
    return found


def correlation_key_for(task: Task, instance: ProcessInstance, elements: Elements) -> str:
    """The element's `correlationKey` property (an expression over its data), else the
    instance's business key."""
    return correlation_key(task, elements, instance.business_key or "")


def check_correlation(
    instance: ProcessInstance, task: Task, elements: Elements, failures: list[Failure] | None
) -> str | None:
    """The catch's correlation key; None, the task left failed and the failure added to
    `failures`, when its expression cannot be evaluated."""
    try:
        return correlation_key_for(task, instance, elements)
    except Exception as exc:  # noqa: BLE001 - the expression's failure is an incident
        expression = correlation_expression(task, elements)
        mark_failed(task, updating=True)
        message = expression_failure("correlation key", expression, exc)
        if failures is not None:
            failures.append(Failure(task.task_spec.bpmn_id or "", task.id, message))
        return None


def sync_subscriptions(
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    elements: Elements,
    failures: list[Failure] | None = None,
) -> bool:
    """Make the instance's subscriptions match what it waits for.

    Returns True when a buffered message already waits for one of them. A catch whose
    correlation key cannot be evaluated waits for no message: it is left failed, and the
    failure is added to `failures` (to become an incident).
    """
    wanted: dict[tuple[UUID, str], tuple[str, str]] = {}
    for task in _waiting(workflow):
        for definition in _definitions(task):
            if isinstance(definition, MessageEventDefinition):
                key = check_correlation(instance, task, elements, failures)
                if key is None:
                    break
                wanted[(task.id, definition.name)] = (task.task_spec.bpmn_id or "", key)
    for start, definition, _name in event_subprocess_starts(workflow):
        # Subscribed while the process runs; they meet by the instance's business key.
        wanted[(workflow.task_tree.id, definition.name)] = (
            start.bpmn_id or "",
            instance.business_key or "",
        )
    memo = synced(workflow)
    if memo.subscriptions == wanted:
        return False  # a message sent since was matched to them when it came
    memo.subscriptions = dict(wanted)
    current = {(s.spiff_task_id, s.name): s for s in instance.subscriptions.all()}
    stale = [s.pk for k, s in current.items() if k not in wanted]
    if stale:
        MessageSubscription.objects.filter(pk__in=stale).delete()
    MessageSubscription.objects.bulk_create(
        [
            MessageSubscription(
                instance=instance,
                spiff_task_id=task_id,
                name=name,
                element_id=element,
                correlation_key=key,
            )
            for (task_id, name), (element, key) in wanted.items()
            if (task_id, name) not in current
        ]
    )
    if not wanted:
        return False
    names = {name for _task, name in wanted}
    return (
        Message.objects.filter(
            status=Message.Status.BUFFERED, name__in=names, expires_at__gt=timezone.now()
        )
        .filter(correlation_key__in={key for _e, key in wanted.values()})
        .exists()
    )
