"""Who may see and steer which instances.

The engine's selectors answer this for tasks (tasks_for_user); instances follow from it:
managers and superusers see every instance, anyone else the ones they started or that
hold a task they can see. Steering (cancel, suspend, resume, retry) is for managers,
superusers and whoever started the instance.
"""

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from engine.models import HumanTask, Incident, ProcessInstance
from engine.selectors import OPEN_STATES, is_manager, tasks_for_user


def visible_instances(user, queryset: QuerySet[ProcessInstance]) -> QuerySet[ProcessInstance]:
    if is_manager(user):
        return queryset
    # Both sides are index lookups: started_by is a foreign key, the task side is the inbox.
    task_instances = tasks_for_user(user).order_by().values("instance_id")
    return queryset.filter(Q(started_by=user) | Q(pk__in=task_instances))


def visible_incidents(user, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
    if is_manager(user):
        return queryset
    return queryset.filter(instance__in=visible_instances(user, ProcessInstance.objects.all()))


def may_steer(user, instance: ProcessInstance) -> bool:
    return is_manager(user) or instance.started_by_id == user.pk


def with_open_work(queryset: QuerySet[ProcessInstance]) -> QuerySet[ProcessInstance]:
    """Prefetch open tasks and incidents, which InstanceSerializer lists, in two queries."""
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
_OPEN_WORK = (
    f"SELECT id, 0 FROM {HumanTask._meta.db_table}"  # noqa: S608 - names from the models
    " WHERE instance_id = %s AND status IN (%s, %s)"
    f" UNION ALL SELECT id, 1 FROM {Incident._meta.db_table}"
    " WHERE instance_id = %s AND status = %s"
    " ORDER BY 2, 1"
)
_OPEN_TASK = [status.value for status in OPEN_STATES]
_OPEN_INCIDENT = Incident.Status.OPEN.value


def open_work(instance: ProcessInstance) -> tuple[list[int], list[Incident]]:
    """The ids of the instance's open tasks, and its open incidents, both in id order.

    Uses what with_open_work prefetched; otherwise reads the ids with one plain statement,
    and the incidents' rows only when there are some.
    """
    tasks = getattr(instance, "open_tasks", None)
    incidents = getattr(instance, "open_incidents", None)
    if tasks is not None and incidents is not None:
        return [task.pk for task in tasks], incidents
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_WORK, [instance.pk, *_OPEN_TASK, instance.pk, _OPEN_INCIDENT])
        rows = cursor.fetchall()
    task_ids = [pk for pk, kind in rows if kind == 0]
    incident_ids = [pk for pk, kind in rows if kind == 1]
    if incident_ids:
        return task_ids, list(Incident.objects.filter(pk__in=incident_ids).order_by("id"))
    return task_ids, []
