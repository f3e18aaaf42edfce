"""The engine's reads: inbox queries, definitions, instances and their history.

Who may see what: tasks follow from tasks_for_user, and instances from the tasks:
managers and superusers see every instance, anyone else the ones they started or that
hold a task they can see. Steering (cancel, suspend, resume, retry) is for managers,
superusers and whoever started the instance.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from engine.db.instances import open_work_ids
from engine.models import (
    Batch,
    BatchItem,
    HumanTask,
    Incident,
    InstanceEvent,
    InstancePiece,
    ProcessDefinition,
    ProcessInstance,
    TaskCandidate,
)
from engine.runtime.specs import specs_for
from engine.runtime.spiff import StartEvent
from engine.services.permissions import is_manager, may_start, monitored_keys, user_group_names
from engine.types import User

OPEN_STATES = (HumanTask.Status.OPEN, HumanTask.Status.CLAIMED)


def _candidate_filter(user: User) -> Q:
    lookup = Q(kind=TaskCandidate.Kind.USER, name=user.username)
    groups = user_group_names(user)
    if groups:
        lookup |= Q(kind=TaskCandidate.Kind.GROUP, name__in=groups)
    return lookup


def tasks_for_user(
    user: User,
    *,
    scope: str = "all",
    status: str | None = None,
    definition: str | None = None,
    instance: int | None = None,
    state: str | None = None,
) -> QuerySet[HumanTask]:
    """Inbox rows: `mine` (assigned to me), `candidate` (unassigned, I may claim) or `all`.

    `status="open"` means not ended (open or claimed); another status, or `state`, is the
    exact state.

    `candidate` reads the TaskCandidate index, which holds rows only for open, unassigned
    tasks, so its cost does not grow with the number of completed tasks.
    """
    qs = HumanTask.objects.select_related("definition", "assignee")
    if scope == "mine":
        qs = qs.filter(assignee=user)
        if status is None:
            qs = qs.filter(status__in=OPEN_STATES)
    elif scope == "candidate":
        return _candidate_tasks(qs, user, status, definition, instance, state)
    elif scope == "delegated":
        # Mine, handed to a colleague for now: they come back once resolved.
        qs = qs.filter(owner=user)
        if status is None:
            qs = qs.filter(status__in=OPEN_STATES)
    else:
        qs = visible_tasks(user, qs)
    qs = with_task_status(qs, status, state)
    if definition:
        qs = qs.filter(definition__key=definition)
    if instance:
        qs = qs.filter(instance_id=instance)
    return qs.order_by("-priority", "id")


def with_task_status(
    qs: QuerySet[HumanTask], status: str | None, state: str | None
) -> QuerySet[HumanTask]:
    """`status=open`: not ended (open or claimed); any other status or `state`: exactly."""
    if status == HumanTask.Status.OPEN:
        qs = qs.filter(status__in=OPEN_STATES)
    elif status:
        qs = qs.filter(status=status)
    if state:
        qs = qs.filter(status=state)
    return qs


def _candidate_tasks(
    qs: QuerySet[HumanTask],
    user: User,
    status: str | None,
    definition: str | None,
    instance: int | None,
    state: str | None,
) -> QuerySet[HumanTask]:
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
    qs = with_task_status(qs, status, state)
    if definition:
        qs = qs.filter(definition__key=definition)
    if instance:
        qs = qs.filter(instance_id=instance)
    return qs.order_by(*ordering)


def can_see_task(user: User, task: HumanTask) -> bool:
    return tasks_for_user(user).filter(pk=task.pk).exists()


def _involved(user: User) -> Q:
    """Tasks the person holds, handed on, completed or may claim."""
    return (
        Q(assignee=user)
        | Q(owner=user)
        | Q(completed_by=user)
        | Exists(TaskCandidate.objects.filter(_candidate_filter(user), task=OuterRef("pk")))
    )


def visible_tasks(user: User, queryset: QuerySet[HumanTask]) -> QuerySet[HumanTask]:
    """The tasks the person sees: every task of the processes she monitors
    (permissions.monitored_keys: by default managers every process), and those she holds,
    handed on, completed or may claim."""
    keys = monitored_keys(user)
    if keys is None:
        return queryset
    seen = _involved(user)
    if keys:
        seen |= Q(definition__key__in=sorted(keys))
    return queryset.filter(seen)


def visible_instances(user: User, queryset: QuerySet[ProcessInstance]) -> QuerySet[ProcessInstance]:
    """The instances the person sees: those of the processes she monitors
    (permissions.monitored_keys), and the cases she started or has a task in."""
    keys = monitored_keys(user)
    if keys is None:
        return queryset
    # Both sides are index lookups: started_by is a foreign key, the task side is the inbox.
    task_instances = HumanTask.objects.filter(_involved(user)).order_by().values("instance_id")
    seen = Q(started_by=user) | Q(pk__in=task_instances)
    if keys:
        seen |= Q(definition__key__in=sorted(keys))
    return queryset.filter(seen)


def visible_incidents(user: User, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
    if monitored_keys(user) is None:
        return queryset
    return queryset.filter(instance__in=visible_instances(user, ProcessInstance.objects.all()))


def may_steer(user: User, instance: ProcessInstance) -> bool:
    return is_manager(user) or instance.started_by_id == user.pk


def latest_definitions() -> list[ProcessDefinition]:
    latest: dict[str, ProcessDefinition] = {}
    for definition in ProcessDefinition.objects.order_by("key", "-version"):
        latest.setdefault(definition.key, definition)
    return list(latest.values())


def startable_definitions(user: User) -> list[ProcessDefinition]:
    """The latest version of each process the person may start by hand."""
    return [definition for definition in latest_definitions() if may_start(user, definition)]


def definition_versions(key: str) -> QuerySet[ProcessDefinition]:
    return (
        ProcessDefinition.objects.filter(key=key).select_related("deployed_by").order_by("version")
    )


def instances(
    *,
    definition: str | None = None,
    status: str | None = None,
    business_key: str | None = None,
    stage: str | None = None,
    version: int | None = None,
    started_from: date | None = None,
    started_to: date | None = None,
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
        qs = qs.filter(stage__icontains=stage)
    if started_from:
        qs = qs.filter(started_at__date__gte=started_from)
    if started_to:
        qs = qs.filter(started_at__date__lte=started_to)
    return qs.order_by("-id")


def instance_history(instance_id: int) -> QuerySet[InstanceEvent]:
    return (
        InstanceEvent.objects.filter(instance_id=instance_id).select_related("user").order_by("id")
    )


def open_incidents(instance_id: int | None = None) -> QuerySet[Incident]:
    return incidents(status=Incident.Status.OPEN, instance_id=instance_id)


def incidents(*, status: str | None = None, instance_id: int | None = None) -> QuerySet[Incident]:
    """Incidents, oldest first; of one status and of one instance when given."""
    qs = Incident.objects.all()
    if status is not None:
        qs = qs.filter(status=status)
    if instance_id is not None:
        qs = qs.filter(instance_id=instance_id)
    return qs.order_by("id")


def with_open_work(queryset: QuerySet[ProcessInstance]) -> QuerySet[ProcessInstance]:
    """Prefetch open tasks and incidents, which open_work then reads, in two queries."""
    return queryset.select_related("definition", "started_by").prefetch_related(
        Prefetch(
            "tasks",
            queryset=HumanTask.objects.filter(status__in=OPEN_STATES)
            .only("id", "instance_id")
            .order_by("id"),
            to_attr="open_tasks",
        ),
        Prefetch(
            "incidents",
            queryset=Incident.objects.filter(status=Incident.Status.OPEN).order_by("id"),
            to_attr="open_incidents",
        ),
    )


# Both index lookups (task_instance_idx, incident_status_idx) in one round trip: a task
# answer lists its instance's open work, and building two ORM queries for it each time
# costs more than running them.
def open_work(instance: ProcessInstance) -> tuple[list[int], list[Incident]]:
    """The ids of the instance's open tasks, and its open incidents, both in id order.

    Uses what with_open_work prefetched; otherwise reads the ids with one plain statement,
    and the incidents' rows only when there are some.
    """
    tasks = getattr(instance, "open_tasks", None)
    incidents = getattr(instance, "open_incidents", None)
    if tasks is not None and incidents is not None:
        return [task.pk for task in tasks], incidents
    task_ids, incident_ids = open_work_ids(instance.pk)
    if incident_ids:
        return task_ids, list(Incident.objects.filter(pk__in=incident_ids).order_by("id"))
    return task_ids, []


def with_variable_pieces(instances: list[ProcessInstance]) -> list[ProcessInstance]:
    """A page of instances with the stored pieces their variables are made of, read in one
    query for the page instead of one per instance (engine/runtime/pieces.py)."""
    from engine.runtime.state import variable_pieces

    wanted = Q()
    for instance in instances:
        state = instance.__dict__.get("state")
        if state is None:
            continue  # read without its state: its variables read their own pieces
        seqs = variable_pieces(state) if state else []
        instance.__dict__["_read_variable_pieces"] = {}
        if seqs:
            wanted |= Q(instance_id=instance.pk, seq__in=seqs)
    if wanted:
        by_id = {instance.pk: instance for instance in instances}
        rows = InstancePiece.objects.filter(wanted).values_list("instance_id", "seq", "data")
        for instance_id, seq, data in rows:
            by_id[instance_id].__dict__["_read_variable_pieces"][seq] = data
    return instances


def movable_elements(definition: ProcessDefinition) -> list[tuple[str, str]]:
    """The named elements of the process itself (not of the processes it calls), in the
    diagram's order, as (id, name): where an operator may start an instance's work."""
    spec, _subprocess_specs = specs_for(definition)
    return [
        (task_spec.bpmn_id, task_spec.bpmn_name)
        for task_spec in spec.task_specs.values()
        if task_spec.bpmn_id and task_spec.bpmn_name and not isinstance(task_spec, StartEvent)
    ]


def recent_batches(limit: int = 20) -> QuerySet[Batch]:
    """The latest batch operations, newest first."""
    return Batch.objects.select_related("created_by").order_by("-id")[:limit]


def batch_refused(batch: Batch) -> QuerySet[BatchItem]:
    """The instances a batch could not change, with the reason."""
    return (
        BatchItem.objects.filter(batch=batch, status=BatchItem.Status.REFUSED)
        .select_related("instance__definition")
        .order_by("id")
    )
