"""The worker's entry point: move an instance on by itself (idempotent)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from engine.db.instances import commit_without_waiting
from engine.db.transactions import atomic
from engine.exceptions import NotFound
from engine.models import ProcessInstance
from engine.models.events import EventType
from engine.runtime.runner import load_workflow, run_engine
from engine.runtime.specs import traits_for
from engine.runtime.spiff import BpmnWorkflow, Task, TaskState

from . import waiting
from .locking import lock_instance
from .messages import deliver_buffered, publish_thrown
from .persist import persist
from .step import open_step, record


@atomic
def instance_advance(*, instance_id: int) -> bool:
    """Deliver buffered messages, fire due timers, run async work; False if nothing to do.

    Safe to run twice or after a crash: it takes the instance's lock and works from the
    committed state, so a step that committed is never repeated.
    """
    commit_without_waiting()
    try:
        instance = lock_instance(instance_id)
    except NotFound:
        return False
    if instance.status != ProcessInstance.Status.RUNNING:
        return False  # (a running instance always has a state; the lock leaves it unread)
    now = timezone.now()
    workflow = load_workflow(instance)
    traits = traits_for(instance.definition)
    due_timers = waiting.due_timer_tasks(workflow, now) if traits.has_timers else []
    delivered = deliver_buffered(instance, workflow) if traits.has_message_catch else 0
    outcome = run_engine(workflow, elements=instance.definition.elements, inline=True)
    moved = delivered or outcome.ran or outcome.retries or outcome.caught or outcome.failure
    if not moved and (instance.due_at is None or instance.due_at > now):
        return False  # a repeated or early request: nothing to do, nothing written
    with open_step():
        _record_fired(instance, workflow, due_timers, now)
        publish_thrown(instance, persist(instance, workflow, outcome))
    return True


def _record_fired(
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    due_timers: list[tuple[Task, datetime]],
    now: datetime,
) -> None:
    for task, due_at in due_timers:
        if not task.has_state(TaskState.WAITING):
            record(
                instance,
                EventType.TIMER_FIRED,
                element_id=task.task_spec.bpmn_id or "",
                data={
                    "due_at": due_at.isoformat(),
                    "late_s": round((now - due_at).total_seconds(), 3),
                },
            )
