"""Which signals a process waits for and starts by, the rows of its waiting catches, and
the hand-over of a thrown signal to the broadcaster (signal_events, registered at start-up
by engine/apps.py, so that a step's persist needs no import of the delivery)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from engine.models import ProcessDefinition, ProcessInstance, SignalSubscription
from engine.models.events import EventType
from engine.runtime.caches import Bounded
from engine.runtime.specs import specs_for
from engine.runtime.spiff import (
    BpmnWorkflow,
    MultipleEventDefinition,
    SignalEventDefinition,
    StartEvent,
    TaskState,
)
from engine.types import JSONDict

from .step import record

Broadcaster = Callable[[str, JSONDict], None]
# (names it catches while running, names its start events catch)
SignalNames = tuple[frozenset[str], frozenset[str]]
_broadcaster: Broadcaster | None = None


def set_broadcaster(broadcaster: Broadcaster | None) -> None:
    global _broadcaster
    _broadcaster = broadcaster


def signal_thrown(instance: ProcessInstance, name: str, payload: JSONDict) -> None:
    """A process threw the signal: it goes out once the throwing step has committed."""
    record(instance, EventType.SIGNAL_SENT, data={"signal": name})
    broadcaster = _broadcaster
    if broadcaster is not None:
        transaction.on_commit(lambda: broadcaster(name, payload))


# definition version → (names it catches while running, names its start events catch)
_SIGNALS: Bounded[SignalNames] = Bounded("signal names", 512)


def signal_definitions(spec: Any) -> list[Any]:
    definition = getattr(spec, "event_definition", None)
    kinds = (
        definition.event_definitions
        if isinstance(definition, MultipleEventDefinition)
        else [definition]
    )
    return [kind for kind in kinds if isinstance(kind, SignalEventDefinition)]


def signal_names(definition: ProcessDefinition) -> SignalNames:
    """(signals the process waits for somewhere, signals its start events catch)."""
    key = (definition.pk, definition.key, definition.content_hash)
    if (found := _SIGNALS.get(key)) is not None:
        return found
    spec, subprocess_specs = specs_for(definition)
    caught: set[str] = set()
    starts: set[str] = set()
    for process in [spec, *subprocess_specs.values()]:
        for task_spec in process.task_specs.values() if process is not None else []:
            for kind in signal_definitions(task_spec):
                if isinstance(task_spec, StartEvent) and process is spec:
                    starts.add(kind.name)
                else:
                    caught.add(kind.name)
    found = (frozenset(caught), frozenset(starts))
    _SIGNALS.put(key, found)
    return found


def sync_signal_subscriptions(instance: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Make the instance's signal subscriptions match its waiting signal catches."""
    caught, _starts = signal_names(instance.definition)
    if not caught:
        return
    wanted: dict[tuple[Any, str], str] = {}
    for task in workflow.get_tasks(state=TaskState.WAITING):
        for kind in signal_definitions(task.task_spec):
            wanted[(task.id, kind.name)] = task.task_spec.bpmn_id or ""
    current = {
        (row.spiff_task_id, row.name): row.pk
        for row in SignalSubscription.objects.filter(instance=instance)
    }
    stale = [pk for key, pk in current.items() if key not in wanted]
    if stale:
        SignalSubscription.objects.filter(pk__in=stale).delete()
    SignalSubscription.objects.bulk_create(
        [
            SignalSubscription(instance=instance, spiff_task_id=t, name=n, element_id=e)
            for (t, n), e in wanted.items()
            if (t, n) not in current
        ]
    )
