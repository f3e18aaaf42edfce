"""The worker's entry point: move an instance on by itself (idempotent)."""

from django.db import transaction
from django.utils import timezone
from SpiffWorkflow.util.task import TaskState

from engine.exceptions import NotFound
from engine.models import ProcessInstance, Timer
from engine.models.events import EventType
from engine.runtime.runner import load_workflow, run_engine

from .locking import lock_instance
from .messages import deliver_buffered
from .persist import persist, record


@transaction.atomic
def instance_advance(*, instance_id: int) -> bool:
    """Deliver buffered messages, fire due timers, run async work; False if nothing to do.

    Safe to run twice or after a crash: it takes the instance's lock and works from the
    committed state, so a step that committed is never repeated.
    """
    try:
        instance = lock_instance(instance_id)
    except NotFound:
        return False
    if instance.status != ProcessInstance.Status.RUNNING or not instance.state:
        return False
    now = timezone.now()
    workflow = load_workflow(instance)
    due_timers = list(
        Timer.objects.filter(instance=instance, kind=Timer.Kind.EVENT, due_at__lte=now)
    )
    delivered = deliver_buffered(instance, workflow)
    outcome = run_engine(workflow, elements=instance.definition.elements, inline=True)
    moved = delivered or outcome.ran or outcome.retries or outcome.caught or outcome.failure
    if not moved and (instance.due_at is None or instance.due_at > now):
        return False  # a repeated or early request: nothing to do, nothing written
    for timer in due_timers:
        task = workflow.get_task_from_id(timer.spiff_task_id)
        if task is None or not task.has_state(TaskState.WAITING):
            record(
                instance,
                EventType.TIMER_FIRED,
                element_id=timer.element_id,
                data={
                    "due_at": timer.due_at.isoformat(),
                    "late_s": round((now - timer.due_at).total_seconds(), 3),
                },
            )
    persist(instance, workflow, outcome)
    return True
