"""Signals: a broadcast that reaches every instance waiting for it and starts every
process whose start event catches it (BPMN's semantics, Camunda's too).

Waiting signal catches are `SignalSubscription` rows (synced by persist). A signal sent
by hand (`POST /api/signals/`) is delivered now, instance by instance in id order, each
under its own lock; one thrown by a process is delivered the same way right after the
step that threw it commits (a thrower never holds another instance's lock).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Forbidden, InvalidData
from engine.models import ProcessDefinition, ProcessInstance, SignalSubscription
from engine.models.events import EventType
from engine.runtime.runner import load_workflow, run_engine, start_at
from engine.runtime.spiff import BpmnEvent, BpmnWorkflow, StartEvent, TaskState
from engine.types import JSONDict, User

from .jsonsafe import json_safe
from .locking import cached_definition, lock_instance
from .messages import publish_thrown
from .permissions import signal_refusal
from .persist import persist
from .signal_waits import signal_definitions, signal_names
from .starting import Begin, start
from .step import open_step, record

logger = logging.getLogger(__name__)


@dataclass
class SignalResult:
    reached: list[int] = field(default_factory=list)
    started: list[int] = field(default_factory=list)


def _deliver(instance_id: int, name: str, variables: JSONDict, user: User | None) -> bool:
    instance = lock_instance(instance_id)
    if instance.status not in (ProcessInstance.Status.RUNNING, ProcessInstance.Status.ERROR):
        return False
    workflow = load_workflow(instance)
    catchers = [
        (task, kind)
        for task in workflow.get_tasks(state=TaskState.WAITING)
        for kind in signal_definitions(task.task_spec)
        if kind.name == name
    ]
    if not catchers:
        return False
    for task, _kind in catchers:
        task.data.update(variables)
    workflow.catch(BpmnEvent(catchers[0][1], payload=dict(variables)))
    with open_step():
        for task, _kind in catchers:
            record(
                instance,
                EventType.SIGNAL_CAUGHT,
                element_id=task.task_spec.bpmn_id or "",
                user=user,
                data={"signal": name},
            )
        outcome = run_engine(workflow, elements=instance.definition.elements)
        publish_thrown(instance, persist(instance, workflow, outcome, user=user))
    return True


def _latest_starters(name: str) -> list[ProcessDefinition]:
    latest: dict[str, ProcessDefinition] = {}
    for definition in ProcessDefinition.objects.order_by("key", "-version"):
        latest.setdefault(definition.key, definition)
    return [d for d in latest.values() if name in signal_names(cached_definition(d.pk))[1]]


def _begin_with_signal(name: str, variables: JSONDict) -> Begin:
    def begin(instance: ProcessInstance, workflow: BpmnWorkflow, user: User | None) -> None:
        start_at(
            workflow,
            lambda spec: (
                isinstance(spec, StartEvent)
                and any(kind.name == name for kind in signal_definitions(spec))
            ),
        )
        for task in workflow.get_tasks(state=TaskState.WAITING):
            if any(kind.name == name for kind in signal_definitions(task.task_spec)):
                task.data.update(variables)
                workflow.catch(BpmnEvent(signal_definitions(task.task_spec)[0], payload=variables))
                break

    return begin


@atomic
def signal_send(
    *,
    name: str,
    variables: JSONDict | None = None,
    user: User | None = None,
    integration: bool = False,
) -> SignalResult:
    """Broadcast the signal `name`: every instance waiting for it catches it, and every
    process with a signal start event of that name starts (nobody waiting is no error)."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidData(_("A signal needs a name."), {"name": [_("This field is required.")]})
    if variables is not None and not isinstance(variables, dict):
        raise InvalidData(
            _("Variables must be an object."), {"variables": [_("Must be an object.")]}
        )
    refusal = signal_refusal(user, integration=integration) if user is not None else None
    if refusal is not None:
        raise Forbidden(refusal)
    variables = json_safe(variables or {})
    result = SignalResult()
    waiting = (
        SignalSubscription.objects.filter(name=name)
        .order_by("instance_id")
        .values_list("instance_id", flat=True)
        .distinct()
    )
    for instance_id in list(waiting):
        if _deliver(instance_id, name, variables, user):
            result.reached.append(instance_id)
    for definition in _latest_starters(name):
        with open_step():
            new = start(
                cached_definition(definition.pk),
                variables=variables,
                user=user,
                begin=_begin_with_signal(name, variables),
            )
            publish_thrown(new.instance, new.thrown)
        result.started.append(new.instance.pk)
    return result


def broadcast_thrown(name: str, payload: JSONDict) -> None:
    """Broadcast a signal a process threw (after its step committed: signal_waits)."""
    try:
        signal_send(name=name, variables=payload)
    except Exception:  # a failed broadcast must not fail the request whose step committed
        logger.exception("Broadcasting the thrown signal %s failed", name)
