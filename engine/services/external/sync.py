"""One `ExternalTask` row per READY service task that waits for an external worker."""

from __future__ import annotations

from engine.models import ExternalTask, ProcessInstance
from engine.runtime.external import external_elements
from engine.runtime.spiff import BpmnWorkflow, TaskState
from engine.types import JSONDict


def _priority(meta: JSONDict) -> int:
    try:
        return int(str(meta.get("task_priority") or "0").strip())
    except ValueError:  # an expression: Camunda evaluates it; here it counts as 0
        return 0


def sync_external_tasks(instance: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Make the instance's external-task rows match its READY external service tasks
    (called by persist, inside the step's transaction)."""
    elements = instance.definition.elements
    topics = external_elements(elements)
    if not topics:
        return
    ready = {
        task.id: task
        for task in workflow.get_tasks(state=TaskState.READY)
        if (task.task_spec.bpmn_id or "") in topics
    }
    current = dict(
        ExternalTask.objects.filter(instance=instance).values_list("spiff_task_id", "pk")
    )
    stale = [pk for spiff_id, pk in current.items() if spiff_id not in ready]
    if stale:
        ExternalTask.objects.filter(pk__in=stale).delete()
    ExternalTask.objects.bulk_create(
        [
            ExternalTask(
                instance=instance,
                spiff_task_id=spiff_id,
                element_id=task.task_spec.bpmn_id,
                topic=topics[task.task_spec.bpmn_id],
                priority=_priority(elements.get(task.task_spec.bpmn_id, {})),
            )
            for spiff_id, task in ready.items()
            if spiff_id not in current
        ]
    )


def drop_external_tasks(instance: ProcessInstance) -> None:
    """The instance ended or was cancelled: no worker may fetch its tasks any more."""
    ExternalTask.objects.filter(instance=instance).delete()
