"""What each engine event tells whom: run by the fan-out job (fanout.py), after the step
that caused it has committed; each safe to run twice."""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from engine.models import HumanTask, Incident, InstanceEvent
from processes.access import may_monitor
from processes.notifications.marks import marked_processes
from processes.notifications.models import NotificationKind
from processes.notifications.selectors import ended_case_to_tell
from processes.notifications.services import notify, notify_many

logger = logging.getLogger(__name__)

_KINDS = {
    "assigned": NotificationKind.TASK_ASSIGNED,
    "delegated": NotificationKind.TASK_DELEGATED,
    "resolved": NotificationKind.TASK_RESOLVED,
}
PROCESS_OWNERS = "process-owners"


def _task_subject(task: HumanTask) -> str:
    subject = task.name or task.element_id
    if task.instance.business_key:
        subject = f"{subject} · {task.instance.business_key}"
    return subject


def _task(task_id: int) -> HumanTask | None:
    return (
        HumanTask.objects.filter(pk=task_id)
        .select_related("instance")
        .only(
            "name",
            "element_id",
            "status",
            "assignee_id",
            "candidate_groups",
            "candidate_users",
            "instance__business_key",
        )
        .first()
    )


def tell_task_handed_over(*, task_id, kind, to_user_id, by_user_id, event_id, **_):
    if to_user_id == by_user_id:
        return
    task = _task(task_id)
    if task is None:
        return
    notify(
        recipient_id=to_user_id,
        kind=_KINDS[kind],
        key=f"event:{event_id}",
        actor_id=by_user_id,
        subject=_task_subject(task),
        link=reverse("web:task", args=[task_id]),
    )


def candidates_of(task: HumanTask) -> list[int]:
    """The active people a new task waits for: its assignee, else its groups' members and
    its named users."""
    people = get_user_model().objects.filter(is_active=True)
    if task.assignee_id:
        return [task.assignee_id]
    named = Q(username__in=task.candidate_users)
    for group in task.candidate_groups:
        named |= Q(groups__name__iexact=group)
    return list(people.filter(named).distinct().values_list("pk", flat=True))


# The steps that a person makes: who made the last one before a task came up caused it.
_MOVED_ON = (
    InstanceEvent.Type.STARTED,
    InstanceEvent.Type.TASK_COMPLETED,
    InstanceEvent.Type.MESSAGE_CORRELATED,
)


def causer_of(task: HumanTask) -> int | None:
    """The person whose step made the task come up: who started the case or completed its
    previous task (also when the worker ran the service tasks in between)."""
    created = InstanceEvent.objects.filter(
        instance_id=task.instance_id, type=InstanceEvent.Type.TASK_CREATED, data__task=task.pk
    ).values_list("pk", flat=True)[:1]
    return (
        InstanceEvent.objects.filter(
            instance_id=task.instance_id,
            pk__lt=created,
            type__in=_MOVED_ON,
            user_id__isnull=False,
        )
        .order_by("-pk")
        .values_list("user_id", flat=True)
        .first()
    )


def tell_task_created(*, task_id, **_):
    """A new task tells the people it waits for, but the one who caused it."""
    task = _task(task_id)
    if task is None or task.status not in (HumanTask.Status.OPEN, HumanTask.Status.CLAIMED):
        return
    kind = NotificationKind.TASK_ASSIGNED if task.assignee_id else NotificationKind.TASK_QUEUED
    candidates = candidates_of(task)
    causer = causer_of(task) if candidates else None
    notify_many(
        recipient_ids=[pk for pk in candidates if pk != causer],
        kind=kind,
        key=f"task:{task.pk}",
        subject=_task_subject(task),
        link=reverse("web:task", args=[task.pk]),
    )


def tell_incident_opened(*, incident_id, **_):
    incident = (
        Incident.objects.filter(pk=incident_id).select_related("instance__definition").first()
    )
    if incident is None:
        return
    definition = incident.instance.definition
    owners = get_user_model().objects.filter(is_active=True, groups__name__iexact=PROCESS_OWNERS)
    ids = list(owners.values_list("pk", flat=True))
    if definition.deployed_by_id:
        ids.append(definition.deployed_by_id)
    name = definition.name or definition.key
    key = incident.instance.business_key
    notify_many(
        recipient_ids=ids,
        kind=NotificationKind.INCIDENT,
        key=f"incident:{incident.pk}",
        subject=f"{name} · {key}" if key else f"{name} · #{incident.instance_id}",
        link=reverse("web:process", args=[definition.key]),
    )


def tell_instance_ended(*, instance_id, process_key=None, **_):
    """A case of a process marked "notify on end" tells who started it."""
    if process_key is not None and process_key not in marked_processes():
        return  # the usual answer, from memory (marks.py)
    case = ended_case_to_tell(instance_id)  # only where its owner marked it
    if case is None:
        return
    starter = get_user_model().objects.filter(pk=case["started_by_id"]).first()
    if starter is None:
        return
    name = case["definition__name"] or case["definition__key"]
    key = case["business_key"]
    notify(
        recipient_id=starter.pk,
        kind=NotificationKind.CASE_ENDED,
        key=f"ended:{case['pk']}",
        subject=f"{name} · {key}" if key else name,
        # The case page is the monitor's (managers); others read the notice alone.
        link=reverse("web:instance", args=[case["pk"]]) if may_monitor(starter) else "",
    )


def on_swept(sender, **_):
    """Due dates and digests ride on the engine's sweep (Celery beat or the embedded one)."""
    from processes.notifications.delivery import send_digests
    from processes.notifications.due import look_due, notify_due

    try:
        if look_due():  # a moment came, or LOOK_EVERY passed: not at every sweep
            notify_due()
            send_digests()
    except Exception:  # the sweep goes on; the next one looks again
        logger.exception("The notifications' part of the sweep failed")
