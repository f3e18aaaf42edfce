"""Timer start events: a process that starts itself at a date, after a delay, or on a cycle
(ISO 8601 `R…/…`, or a Quartz cron expression: engine/sandbox/cron.py).

At deploy, the latest version of a process with a timer start event gets a START `Timer`
row; the sweep starts an instance when it is due and schedules the next cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from engine.db.transactions import atomic
from engine.models import ProcessDefinition, ProcessInstance, Timer
from engine.runtime import spiff
from engine.runtime.runner import run_engine, start_at
from engine.runtime.script_engine import SCRIPT_ENGINE
from engine.runtime.specs import specs_for
from engine.runtime.spiff import (
    BpmnWorkflow,
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    StartEvent,
    TaskState,
    TimerEventDefinition,
)
from engine.sandbox.cron import is_cron, next_fire
from engine.sandbox.timers import timer_text
from engine.types import User

from .locking import cached_definition
from .messages import publish_thrown
from .starting import Begin, start
from .step import open_step


def _timer_start_events(spec: Any) -> Iterator[tuple[Any, Any]]:
    for task_spec in spec.task_specs.values():
        definition = getattr(task_spec, "event_definition", None)
        if isinstance(task_spec, StartEvent) and isinstance(definition, TimerEventDefinition):
            yield task_spec, definition


def _value(definition: Any, now: datetime) -> str:
    evaluated = SCRIPT_ENGINE.environment.evaluate(definition.expression, {})
    return str(timer_text(evaluated, definition, now)).strip()


def _next_due(timer: Timer, now: datetime) -> datetime | None:
    """When a START timer that fired fires next: an ISO cycle after its interval, a cron
    cycle at the expression's next moment after now; None when it is done."""
    if timer.cycles_left == 0:
        return None
    if timer.interval_s > 0:
        return timer.due_at + timedelta(seconds=timer.interval_s)
    spec, _subprocess_specs = specs_for(cached_definition(timer.definition_id))
    for task_spec, event in _timer_start_events(spec):
        if (task_spec.bpmn_id or task_spec.name) == timer.element_id:
            value = _value(event, now)
            return next_fire(value, now) if is_cron(value) else None
    return None


def _first_due(definition: Any, now: datetime) -> tuple[datetime, int, float]:
    """(first due time, cycles left after it (-1 = endless), seconds between cycles)."""
    value = _value(definition, now)
    if isinstance(definition, CycleTimerEventDefinition) and is_cron(value):
        return next_fire(value, now), -1, 0.0  # each next moment read anew (_next_due)
    if isinstance(definition, CycleTimerEventDefinition):
        cycles, start, duration = TimerEventDefinition.parse_iso_recurring_interval(value)
        return start, (cycles - 1 if cycles > 0 else -1), duration.total_seconds()
    if isinstance(definition, DurationTimerEventDefinition):
        parsed = TimerEventDefinition.parse_iso_duration(value)
        return now + TimerEventDefinition.get_timedelta_from_start(parsed, now), 0, 0.0
    return TimerEventDefinition.get_datetime(value), 0, 0.0


def schedule_start_timers(definition: ProcessDefinition) -> int:
    """Replace the START timers of the definition's key with those of this version."""
    Timer.objects.filter(kind=Timer.Kind.START, definition__key=definition.key).delete()
    spec, _subprocess_specs = specs_for(definition)
    now = datetime.now(UTC)
    rows = []
    for task_spec, event in _timer_start_events(spec):
        due, cycles_left, interval = _first_due(event, now)
        rows.append(
            Timer(
                kind=Timer.Kind.START,
                definition=definition,
                element_id=task_spec.bpmn_id or task_spec.name,
                due_at=due,
                interval_s=interval,
                cycles_left=cycles_left,
            )
        )
    Timer.objects.bulk_create(rows)
    return len(rows)


def fire_start_timers(*, limit: int = 100) -> list[int]:
    """Start an instance for every due START timer; return the new instances' ids."""
    now = datetime.now(UTC)
    due_ids = list(
        Timer.objects.filter(kind=Timer.Kind.START, due_at__lte=now).values_list("pk", flat=True)[
            :limit
        ]
    )
    started = (fire_start_timer(timer_id, now) for timer_id in due_ids)
    return [instance_id for instance_id in started if instance_id is not None]


@atomic
def fire_start_timer(timer_id: int, now: datetime) -> int | None:
    """Start the timer's instance if it is still due at `now`; the new instance's id.

    Several sweepers may have read the same due timer: the one that gets it first fires it
    and moves it on (or deletes it); the others find it no longer due and do nothing.
    """
    timer = (
        Timer.objects.select_for_update(skip_locked=True)
        .filter(pk=timer_id, due_at__lte=now)
        .first()
    )
    if timer is None:
        return None
    with open_step():
        new = start(
            cached_definition(timer.definition_id),
            variables={},
            begin=begin_at_timer(timer.element_id),
        )
        publish_thrown(new.instance, new.thrown)
    if (due := _next_due(timer, now)) is not None:
        timer.due_at = due
        timer.cycles_left = max(-1, timer.cycles_left - 1)
        timer.save(update_fields=["due_at", "cycles_left"])
    else:
        timer.delete()
    return new.instance.pk


def begin_at_timer(element_id: str) -> Begin:
    """Begin a new instance at the timer start event that fired, let through at once."""

    def begin(instance: ProcessInstance, workflow: BpmnWorkflow, user: User | None) -> None:
        start_at(workflow, lambda spec: spec.bpmn_id == element_id)
        run_engine(workflow, elements=instance.definition.elements)
        release_timer_start(workflow, element_id)

    return begin


def release_timer_start(workflow: BpmnWorkflow, element_id: str) -> None:
    """The start event's timer is what started this instance: let it fire at once."""
    for task in workflow.get_tasks(state=TaskState.WAITING):
        if task.task_spec.bpmn_id == element_id:
            # A cycle is kept by the START timer row, so this instance just goes on once.
            spiff.fire_waiting_event(task)
