"""Why an open task came back to its step: a business refusal of what was entered, caught by
an error boundary event (paying more than is owed, …), or a later person's step that
refused the work and whose form gave a reason (a failed quality check and its findings).

A read for the task page and `GET /api/tasks/{id}/` (`sent_back_because`)."""

from __future__ import annotations

from dataclasses import dataclass

from engine.models import HumanTask, InstanceEvent
from engine.runtime.failures import in_reader_language
from engine.types import User
from forms.reasons import refusal_reason

EventType = InstanceEvent.Type


@dataclass(frozen=True)
class SentBack:
    """`step` is the diagram's name of the step that sent the task back; `by` the person
    who completed it (None for a business refusal, which the process itself made)."""

    reason: str
    step: str
    by: User | None
    refused: bool


def sent_back_because(task: HumanTask) -> SentBack | None:
    """The refusal or the later step that sent this open task back, or None."""
    if not task.is_open:
        return None
    return _refusal(task) or _later_step(task)


def _refusal(task: HumanTask) -> SentBack | None:
    """The refusal caught between the case's last completed task and this task's creation,
    in the reader's language."""
    events = InstanceEvent.objects.filter(instance_id=task.instance_id)
    created = (
        events.filter(type=EventType.TASK_CREATED, data__task=task.pk)
        .values_list("id", flat=True)
        .first()
    )
    if created is None:
        return None
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
        .values("element_id", "data")
        .first()
    )
    if not caught or not (caught["data"] or {}).get("error"):
        return None
    data = caught["data"]
    element = (task.definition.elements or {}).get(caught["element_id"]) or {}
    return SentBack(
        reason=in_reader_language(str(data["error"]), data.get("translations")),
        step=str(element.get("name") or ""),
        by=None,
        refused=True,
    )


def _later_step(task: HumanTask) -> SentBack | None:
    """The person's step completed last before this task was made, when this step had been
    done before it (the case came back) and its form refused with a reason."""
    earlier = HumanTask.objects.filter(instance_id=task.instance_id, pk__lt=task.pk)
    sender = (
        earlier.filter(status=HumanTask.Status.COMPLETED, ended_at__lte=task.created_at)
        .exclude(element_id=task.element_id)
        .select_related("completed_by", "definition")
        .order_by("-ended_at", "-pk")
        .first()
    )
    if (
        sender is None
        or not earlier.filter(
            element_id=task.element_id, pk__lt=sender.pk, status=HumanTask.Status.COMPLETED
        ).exists()
    ):
        return None
    form = sender.definition.forms.get(sender.form_key) if sender.form_key else None
    reason = refusal_reason((form or {}).get("schema") or {}, sender.completed_data or {})
    if not reason:
        return None
    return SentBack(reason=reason, step=sender.name, by=sender.completed_by, refused=False)
