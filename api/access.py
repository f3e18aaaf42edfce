"""Who may see and steer which instances.

The engine's selectors answer this for tasks (tasks_for_user); instances follow from it:
managers and superusers see every instance, anyone else the ones they started or that
hold a task they can see. Steering (cancel, suspend, resume, retry) is for managers,
superusers and whoever started the instance.
"""

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
