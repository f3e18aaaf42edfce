"""Where a test run (trial.py) would wait for time or for someone else, and goes on instead.

- A **timer** on the flow (an intermediate timer event, the only way forward) is walked
  past at once: the run does not wait for it. A timer that races something — a boundary
  timer on a task, a timer after an event-based gateway — fires only when the sample
  names it in `"timers": [element id, …]`: that is the owner choosing the time-out path.
- A **message** the sample gives in `"messages": {name: payload}` is delivered once, to
  the first element that waits for a message of that name (an intermediate or boundary
  message event, a receive task, a branch of an event-based gateway); its payload joins
  the case's data, as a real message's variables do.

Nothing here stores anything: it changes the in-memory workflow only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from engine.runtime.spiff import (
    BoundaryEventSplit,
    BpmnEvent,
    BpmnWorkflow,
    CycleTimerEventDefinition,
    EventBasedGateway,
    MessageEventDefinition,
    Task,
    TimerEventDefinition,
)
from engine.types import JSONDict

from .waiting import _definitions, _waiting

# Long past: a timer whose time is this has fired.
_PAST = datetime(2000, 1, 1, tzinfo=UTC).isoformat()


def _timers(task: Task) -> Iterator[tuple[Any, str, bool]]:
    """(timer definition, the timer event's id, whether it races another way on) of each
    timer a waiting task waits for. An event-based gateway waits for its branches' events
    itself; a boundary event races the task it is attached to."""
    spec = task.task_spec
    if isinstance(spec, EventBasedGateway):
        for index, definition in enumerate(spec.event_definition.event_definitions):
            if isinstance(definition, TimerEventDefinition):
                yield definition, spec.outputs[index].bpmn_id or "", True
        return
    parent = task.parent.task_spec if task.parent is not None else None
    for definition in _definitions(task):
        if isinstance(definition, TimerEventDefinition):
            yield definition, spec.bpmn_id or "", isinstance(parent, BoundaryEventSplit)


def _fire(workflow: BpmnWorkflow, task: Task, definition: Any) -> None:
    """Make the timer's time come now; the engine's next pass lets it fire."""
    if isinstance(task.task_spec, EventBasedGateway):
        workflow.catch(BpmnEvent(definition, {}))  # the gateway takes that branch
        return
    value = task.internal_data.get("event_value")
    if isinstance(definition, CycleTimerEventDefinition) and isinstance(value, dict):
        task.internal_data["event_value"] = {**value, "next": _PAST}
    else:
        task.internal_data["event_value"] = _PAST
        task.internal_data["event_fired"] = True
    workflow.refresh_timers()


class TrialEvents:
    """The sample's timers and messages, handed to a run's workflow one at a time."""

    def __init__(self, workflow: BpmnWorkflow, sample: JSONDict) -> None:
        self.workflow = workflow
        self.timers = {str(t) for t in sample.get("timers") or []}
        self.messages: JSONDict = dict(sample.get("messages") or {})
        self.fired: set[Any] = set()  # each waiting timer fires once (a cycle too)

    def deliver_message(self) -> bool:
        """Deliver one sample message that an element waits for; True if one was."""
        for task in _waiting(self.workflow):
            for definition in _definitions(task):
                if not isinstance(definition, MessageEventDefinition):
                    continue
                if definition.name not in self.messages:
                    continue
                payload = dict(self.messages.pop(definition.name) or {})
                task.data.update(payload)
                event = BpmnEvent(
                    definition, payload=payload, correlations=dict(self.workflow.correlations)
                )
                self.workflow.catch(event)
                return True
        return False

    def fire_timer(self) -> bool:
        """Fire one waiting timer: one the sample names first, else one on the flow that
        races nothing. True if one fired."""
        waiting = [
            (task, definition, element_id, races)
            for task in _waiting(self.workflow)
            for definition, element_id, races in _timers(task)
            if (task.id, element_id) not in self.fired
        ]
        chosen = next((w for w in waiting if w[2] in self.timers), None) or next(
            (w for w in waiting if not w[3]), None
        )
        if chosen is None:
            return False
        task, definition, element_id, _races = chosen
        self.fired.add((task.id, element_id))
        _fire(self.workflow, task, definition)
        return True

    def go_on(self) -> bool:
        """Let the run go on past one wait: a sample message first, then a timer."""
        return self.deliver_message() or self.fire_timer()
