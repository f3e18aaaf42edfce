"""The engine's reads: inbox queries, definitions, instances and their history."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from engine.models import (
    HumanTask,
    Incident,
    InstanceEvent,
    ProcessDefinition,
    ProcessInstance,
    TaskCandidate,
)
from engine.services.tasks import user_group_names

OPEN_STATES = (HumanTask.Status.OPEN, HumanTask.Status.CLAIMED)


def _candidate_filter(user) -> Q:
    lookup = Q(kind=TaskCandidate.Kind.USER, name=user.username)
    groups = user_group_names(user)
    if groups:
        lookup |= Q(kind=TaskCandidate.Kind.GROUP, name__in=groups)
    return lookup


def tasks_for_user(
    user,
    *,
    scope: str = "all",
    status: str | None = None,
    definition: str | None = None,
    instance: int | None = None,
) -> QuerySet[HumanTask]:
    """Inbox rows: `mine` (assigned to me), `candidate` (unassigned, I may claim) or `all`.

    `candidate` reads the TaskCandidate index, which holds rows only for open, unassigned
    tasks, so its cost does not grow with the number of completed tasks.
    """
    qs = HumanTask.objects.select_related("definition", "assignee")
    if scope == "mine":
        qs = qs.filter(assignee=user)
        if status is None:
            qs = qs.filter(status__in=OPEN_STATES)
    elif scope == "candidate":
        return _candidate_tasks(qs, user, status, definition, instance)
    elif not user.is_superuser and not is_manager(user):
        qs = qs.filter(
            Q(assignee=user)
            | Q(completed_by=user)
            | Exists(TaskCandidate.objects.filter(_candidate_filter(user), task=OuterRef("pk")))
        )
    if status:
        qs = qs.filter(status=status)
    if definition:
        qs = qs.filter(definition__key=definition)
    if instance:
        qs = qs.filter(instance_id=instance)
    return qs.order_by("-priority", "id")


def _candidate_tasks(qs, user, status, definition, instance) -> QuerySet[HumanTask]:
    """Unassigned open tasks I may claim, best first.

    Read in the order of the candidate index (kind, name, priority, task), so the first
    page costs the same with ten thousand open tasks as with a million. A task that names
    me as well as my group would appear twice that way: then fall back to a semi-join.
    """
    groups = user_group_names(user)
    named_me = TaskCandidate.objects.filter(kind=TaskCandidate.Kind.USER, name=user.username)
    if groups and not named_me.exists():
        # One filter() call: both conditions must hold for the same candidate row.
        name = (
            {"candidates__name": groups[0]}
            if len(groups) == 1
            else {"candidates__name__in": groups}
        )
        qs = qs.filter(candidates__kind=TaskCandidate.Kind.GROUP, **name)
        ordering = ("-candidates__priority", "candidates__task_id")
    else:
        qs = qs.filter(
            Exists(TaskCandidate.objects.filter(_candidate_filter(user), task=OuterRef("pk")))
        )
        ordering = ("-priority", "id")
    if status:
        qs = qs.filter(status=status)
    if definition:
        qs = qs.filter(definition__key=definition)
    if instance:
        qs = qs.filter(instance_id=instance)
    return qs.order_by(*ordering)


def is_manager(user) -> bool:
    return user.is_superuser or "managers" in user_group_names(user)


def can_see_task(user, task: HumanTask) -> bool:
    return tasks_for_user(user).filter(pk=task.pk).exists()


def latest_definitions() -> list[ProcessDefinition]:
    latest = {}
    for definition in ProcessDefinition.objects.order_by("key", "-version"):
        latest.setdefault(definition.key, definition)
    return list(latest.values())


def definition_versions(key: str) -> QuerySet[ProcessDefinition]:
    return (
        ProcessDefinition.objects.filter(key=key).select_related("deployed_by").order_by("version")
    )


def instances(
    *, definition=None, status=None, business_key=None, stage=None, version=None
) -> QuerySet[ProcessInstance]:
    qs = ProcessInstance.objects.select_related("definition")
    if definition:
        qs = qs.filter(definition__key=definition)
    if version:
        qs = qs.filter(definition__version=version)
    if status:
        qs = qs.filter(status=status)
    if business_key:
        qs = qs.filter(business_key=business_key)
    if stage:
        qs = qs.filter(stage=stage)
    return qs.order_by("-id")


def instance_history(instance_id: int) -> QuerySet[InstanceEvent]:
    return (
        InstanceEvent.objects.filter(instance_id=instance_id).select_related("user").order_by("id")
    )


def open_incidents(instance_id: int | None = None) -> QuerySet[Incident]:
    qs = Incident.objects.filter(status=Incident.Status.OPEN)
    if instance_id is not None:
        qs = qs.filter(instance_id=instance_id)
    return qs.order_by("id")
