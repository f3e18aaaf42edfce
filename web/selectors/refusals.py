"""Why a task came back: the business refusal that an error boundary event caught and that
sent the case back to this step (paying more than is owed, …), for the page to show above
the form."""

from engine.models import HumanTask, InstanceEvent
from engine.runtime.failures import in_reader_language

EventType = InstanceEvent.Type


def sent_back_because(task: HumanTask) -> str:
    """The refusal caught between the case's last completed task and this task's creation,
    in the reader's language; "" when the task did not come back after one."""
    events = InstanceEvent.objects.filter(instance_id=task.instance_id)
    created = (
        events.filter(type=EventType.TASK_CREATED, data__task=task.pk)
        .values_list("id", flat=True)
        .first()
    )
    if created is None:
        return ""
    last_done = (
        events.filter(type=EventType.TASK_COMPLETED, id__lt=created)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    caught = (
        events.filter(
            type=EventType.SERVICE_TASK_FAILED,
            id__gt=last_done or 0,
            id__lt=created,
            data__caught_by_boundary=True,
        )
        .order_by("-id")
        .values_list("data", flat=True)
        .first()
    )
    if not caught or not caught.get("error"):
        return ""
    return in_reader_language(str(caught["error"]), caught.get("translations"))
