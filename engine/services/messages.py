"""Messages: correlate to waiting instances, start instances, buffer for a time-to-live."""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.dispatch import request_advance
from engine.exceptions import Forbidden, InvalidData, NotFound
from engine.models import Message, MessageSubscription, ProcessDefinition, ProcessInstance
from engine.models.events import EventType
from engine.runtime.runner import load_workflow, run_engine, start_at
from engine.runtime.script_helpers import acting_as
from engine.runtime.spiff import BpmnEvent, BpmnWorkflow, MessageEventDefinition, Task, TaskState
from engine.types import JSONDict, User

from .jsonsafe import json_safe
from .locking import cached_definition, lock_instance
from .permissions import may_send
from .persist import persist
from .starting import Begin, start
from .step import Thrown, open_step, record
from .synced import synced
from .waiting import _definitions, _waiting, event_subprocess_starts

# Messages a process throws to others wait this long for their receiver.
THROWN_MESSAGE_TTL = timedelta(days=7)


@dataclass
class MessageResult:
    correlated: list[int] = field(default_factory=list)
    started: list[int] = field(default_factory=list)
    buffered: bool = False
    duplicate: bool = False


def _catching_tasks(workflow: BpmnWorkflow, name: str) -> Iterator[tuple[Task, Any]]:
    for task in _waiting(workflow):
        for definition in _definitions(task):
            if isinstance(definition, MessageEventDefinition) and definition.name == name:
                yield task, definition


def deliver_to(
    instance: ProcessInstance, workflow: BpmnWorkflow, message: Message, *, user: User | None = None
) -> bool:
    """Hand a message to a loaded, locked instance; True if a waiting element caught it."""
    caught = False
    for task, definition in list(_catching_tasks(workflow, message.name)):
        task.data.update(message.variables or {})
        event = BpmnEvent(
            definition,
            payload=dict(message.variables or {}),
            correlations=dict(workflow.correlations),
        )
        workflow.catch(event)
        caught = True
        record(
            instance,
            EventType.MESSAGE_CORRELATED,
            element_id=task.task_spec.bpmn_id or "",
            user=user,
            data={"message": message.name, "correlation_key": message.correlation_key},
        )
        break
    if not caught:
        caught = _start_event_subprocess(instance, workflow, message, user)
    return caught


def _start_event_subprocess(
    instance: ProcessInstance, workflow: BpmnWorkflow, message: Message, user: User | None
) -> bool:
    """Start the event sub-process whose message start event catches this message."""
    for start_spec, definition, subprocess_name in event_subprocess_starts(workflow):
        if definition.name != message.name:
            continue
        workflow.catch(
            BpmnEvent(
                definition,
                payload=dict(message.variables or {}),
                correlations=dict(workflow.correlations),
            )
        )
        for task in workflow.get_tasks(spec_name=start_spec.name):
            if not task.has_state(TaskState.FINISHED_MASK):
                task.data.update(message.variables or {})
        meta = instance.definition.elements.get(start_spec.bpmn_id or "", {})
        if meta.get("interrupting", True):
            _interrupt(workflow, subprocess_name)
        record(
            instance,
            EventType.MESSAGE_CORRELATED,
            element_id=start_spec.bpmn_id or "",
            user=user,
            data={"message": message.name, "correlation_key": message.correlation_key},
        )
        return True
    return False


def _interrupt(workflow: BpmnWorkflow, subprocess_name: str) -> None:
    """An interrupting event sub-process ends the rest of its process (SpiffWorkflow runs
    it beside the rest): every unfinished task of the process outside it is cancelled."""
    for task in list(workflow.get_tasks()):
        if (
            task.workflow is not workflow
            or getattr(task.task_spec, "spec", None) == subprocess_name
        ):
            continue
        if not task.has_state(TaskState.FINISHED_MASK):
            task.cancel()


def _deliver_locked(instance_id: int, message: Message, user: User | None) -> bool:
    instance = lock_instance(instance_id)
    if instance.status not in (ProcessInstance.Status.RUNNING, ProcessInstance.Status.ERROR):
        return False
    workflow = load_workflow(instance)
    if not deliver_to(instance, workflow, message, user=user):
        return False
    with acting_as(user):  # its scripts see who sent the message
        outcome = run_engine(workflow, elements=instance.definition.elements)
    with open_step():
        publish_thrown(instance, persist(instance, workflow, outcome, user=user))
    return True


@atomic
def message_send(
    *,
    name: str,
    correlation_key: str = "",
    variables: JSONDict | None = None,
    message_id: str | None = None,
    ttl_seconds: int | None = None,
    user: User | None = None,
    integration: bool = False,
) -> MessageResult:
    """Deliver a message now to every instance waiting for it under this key, else start
    the processes it starts, else buffer it for `ttl_seconds` (NotFound without a TTL).
    `integration`: sent with an API token marked for integration (permissions.may_send)."""
    if not name:
        raise InvalidData(_("A message needs a name."), {"name": [_("This field is required.")]})
    if variables is not None and not isinstance(variables, dict):
        raise InvalidData(
            _("Variables must be an object."), {"variables": [_("Must be an object.")]}
        )
    if user is not None and not may_send(user, name, integration=integration):
        raise Forbidden(
            _(
                "You may not send the message “%(name)s”: it is sent by the processes "
                "themselves, by managers, or by those who may start a process it starts."
            )
            % {"name": name}
        )
    if message_id and (seen := Message.objects.filter(message_id=message_id).first()):
        return MessageResult(
            correlated=list(seen.instances), duplicate=True, buffered=seen.status == "buffered"
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                name=name,
                correlation_key=correlation_key or "",
                variables=json_safe(variables or {}),
                message_id=message_id or None,
                status=Message.Status.BUFFERED,
                expires_at=now + timedelta(seconds=ttl_seconds) if ttl_seconds else now,
            )
    except IntegrityError:
        seen = Message.objects.get(message_id=message_id)
        return MessageResult(correlated=list(seen.instances), duplicate=True)
    result = MessageResult()
    waiting = (
        MessageSubscription.objects.filter(name=name, correlation_key=correlation_key or "")
        .order_by("instance_id")
        .values_list("instance_id", flat=True)
        .distinct()
    )
    for instance_id in list(waiting):
        if _deliver_locked(instance_id, message, user):
            result.correlated.append(instance_id)
    if not result.correlated:
        result.started = _start_by_message(message, user)
    if result.correlated or result.started:
        message.status = Message.Status.DELIVERED
        message.delivered_at = now
        message.instances = result.correlated + result.started
        message.save(update_fields=["status", "delivered_at", "instances"])
    elif ttl_seconds:
        result.buffered = True
    else:
        if correlation_key:
            message = _(
                "No process instance is waiting for the message “%(name)s” with the "
                "correlation key “%(key)s”."
            ) % {"name": name, "key": correlation_key}
        else:
            message = _("No process instance is waiting for the message “%(name)s”.") % {
                "name": name
            }
        raise NotFound(message)
    return result


def _start_by_message(message: Message, user: User | None) -> list[int]:
    started = []
    for definition in _starters(message.name):
        with open_step():
            new = start(
                cached_definition(definition.pk),
                variables=message.variables or {},
                business_key=message.correlation_key,
                user=user,
                begin=begin_with_message(message),
            )
            publish_thrown(new.instance, new.thrown)
        started.append(new.instance.pk)
    return started


def begin_with_message(message: Message) -> Begin:
    """Begin a new instance at its start event that catches this message, delivered to it."""

    def begin(instance: ProcessInstance, workflow: BpmnWorkflow, user: User | None) -> None:
        start_at(workflow, lambda spec: _catches(spec, message.name))
        run_engine(workflow, elements=instance.definition.elements)
        deliver_to(instance, workflow, message, user=user)

    return begin


def _catches(spec: Any, name: str) -> bool:
    definition = getattr(spec, "event_definition", None)
    return isinstance(definition, MessageEventDefinition) and definition.name == name


def deliver_buffered(
    instance: ProcessInstance, workflow: BpmnWorkflow, *, user: User | None = None
) -> int:
    """Hand buffered messages that match the instance's subscriptions to it (locked, loaded)."""
    delivered = 0
    now = timezone.now()
    if synced(workflow).subscriptions == {}:
        return 0  # it waits for no message
    for subscription in instance.subscriptions.all():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(
                status=Message.Status.BUFFERED,
                name=subscription.name,
                correlation_key=subscription.correlation_key,
                expires_at__gt=now,
            )
            .order_by("id")
            .first()
        )
        if message is not None and deliver_to(instance, workflow, message, user=user):
            message.status = Message.Status.DELIVERED
            message.delivered_at = now
            message.instances = [instance.pk]
            message.save(update_fields=["status", "delivered_at", "instances"])
            delivered += 1
    return delivered


def publish_thrown(instance: ProcessInstance, thrown: list[Thrown]) -> None:
    """Buffer the messages a process threw; their receivers are woken now and by the sweep.

    Like `message_send`, a thrown message reaches every instance waiting for it under its
    key: one copy each (one copy when nobody waits yet). A message nobody waits for that
    starts processes starts them in this same step (they commit with it, or neither does);
    processes started that way that throw again are left to the sweep after a few rounds."""
    now = timezone.now()
    for message in thrown:
        name, key, payload = message.name, message.correlation_key, message.payload
        receivers = list(
            MessageSubscription.objects.filter(name=name, correlation_key=key)
            .values_list("instance_id", flat=True)
            .distinct()
        )
        record(instance, EventType.MESSAGE_SENT, data={"message": name, "correlation_key": key})
        if not receivers and _start_now(name, key, payload, now):
            continue
        Message.objects.bulk_create(
            [
                Message(
                    name=name,
                    correlation_key=key,
                    variables=json_safe(payload or {}),
                    status=Message.Status.BUFFERED,
                    expires_at=now + THROWN_MESSAGE_TTL,
                )
                for _copy in range(max(1, len(receivers)))
            ]
        )
        for other in receivers:
            request_advance(other)


_start_depth: ContextVar[int] = ContextVar("message_start_depth", default=0)
# Processes that start each other by messages at their first step would otherwise start one
# another without end inside one transaction.
MAX_NESTED_STARTS = 3


def _start_now(name: str, key: str, payload: JSONDict, now: datetime) -> bool:
    """Start the processes a thrown message starts, now; False if none or nested too deep."""
    depth = _start_depth.get()
    if depth >= MAX_NESTED_STARTS or not _starters(name):
        return False
    message = Message(
        name=name,
        correlation_key=key,
        variables=json_safe(payload or {}),
        expires_at=now + THROWN_MESSAGE_TTL,
    )
    token = _start_depth.set(depth + 1)
    try:
        started = _start_by_message(message, None)
    finally:
        _start_depth.reset(token)
    message.status = Message.Status.DELIVERED
    message.delivered_at = now
    message.instances = started
    message.save()
    return True


def _starters(name: str) -> list[ProcessDefinition]:
    """The latest version of each process that a message of this name starts."""
    latest: dict[str, ProcessDefinition] = {}
    definitions = ProcessDefinition.objects.only("key", "version", "start_messages")
    for definition in definitions.order_by("key", "-version"):
        latest.setdefault(definition.key, definition)
    return [d for d in latest.values() if name in (d.start_messages or [])]
