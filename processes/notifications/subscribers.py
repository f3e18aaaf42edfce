"""The engine's signals turned into notifications (connected in apps.ready)."""

from django.urls import reverse

from engine.models import HumanTask
from processes.notifications.models import NotificationKind
from processes.notifications.services import notify

_KINDS = {
    "assigned": NotificationKind.TASK_ASSIGNED,
    "delegated": NotificationKind.TASK_DELEGATED,
    "resolved": NotificationKind.TASK_RESOLVED,
}


def on_task_handed_over(sender, *, task_id, kind, to_user_id, by_user_id, event_id, **_):
    if to_user_id == by_user_id:
        return
    task = (
        HumanTask.objects.filter(pk=task_id)
        .select_related("instance")
        .only("name", "element_id", "instance__business_key")
        .first()
    )
    if task is None:
        return
    subject = task.name or task.element_id
    if task.instance.business_key:
        subject = f"{subject} · {task.instance.business_key}"
    notify(
        recipient_id=to_user_id,
        kind=_KINDS[kind],
        key=f"event:{event_id}",
        actor_id=by_user_id,
        subject=subject,
        link=reverse("web:task", args=[task_id]),
    )
