"""Reads behind the inbox and the task page."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engine.models import HumanTask
from engine.selectors import OPEN_STATES, tasks_for_user

VIEWS = {
    "all": _("Mine and my groups'"),
    "mine": _("Mine"),
    "group": _("My groups' unclaimed"),
    # Mine, with a colleague until they resolve it (shown when there are some).
    "delegated": _("Delegated by me"),
}
DUE = {
    "overdue": _("Overdue"),
    "today": _("Due today"),
    "week": _("Due within 7 days"),
    "none": _("No due date"),
}
# Camunda's default priority is 50; the buckets are what people mean by high and low.
PRIORITY = {
    "high": _("High (70 and above)"),
    "normal": _("Normal (31–69)"),
    "low": _("Low (30 and below)"),
}
SORTS = {
    "priority": _("Priority"),
    "due": _("Due date"),
    "created": _("Newest first"),
    "name": _("Task name"),
}


@dataclass(frozen=True)
class InboxFilters:
    view: str = "all"
    process: str = ""
    due: str = ""
    priority: str = ""
    sort: str = "priority"

    @classmethod
    def from_query(cls, query) -> "InboxFilters":
        def pick(name, allowed, default=""):
            value = query.get(name, default)
            return value if value in allowed else default

        return cls(
            view=pick("view", VIEWS, "all"),
            process=query.get("process", "")[:255],
            due=pick("due", DUE),
            priority=pick("priority", PRIORITY),
            sort=pick("sort", SORTS, "priority"),
        )


def _candidate_tasks(user) -> QuerySet[HumanTask]:
    if user.is_superuser:
        # A superuser may take any task (engine is_candidate); offer every unclaimed one.
        return HumanTask.objects.filter(status=HumanTask.Status.OPEN, assignee__isnull=True)
    return tasks_for_user(user, scope="candidate")


def _scoped(user, view: str) -> QuerySet[HumanTask]:
    if view == "delegated":
        return tasks_for_user(user, scope="delegated")
    mine = tasks_for_user(user, scope="mine")
    if view == "mine":
        return mine
    candidate = _candidate_tasks(user)
    if view == "group":
        return candidate
    return HumanTask.objects.filter(
        Q(pk__in=mine.values("pk")) | Q(pk__in=candidate.values("pk")),
        status__in=OPEN_STATES,
    )


def inbox_tasks(user, filters: InboxFilters) -> QuerySet[HumanTask]:
    qs = _scoped(user, filters.view).select_related(
        "definition", "assignee", "instance__definition"
    )
    now = timezone.now()
    if filters.process:
        qs = qs.filter(definition__key=filters.process)
    if filters.due == "overdue":
        qs = qs.filter(due_at__lt=now)
    elif filters.due == "today":
        end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59)
        qs = qs.filter(due_at__lte=end_of_day)
    elif filters.due == "week":
        qs = qs.filter(due_at__lte=now + timedelta(days=7))
    elif filters.due == "none":
        qs = qs.filter(due_at__isnull=True)
    if filters.priority == "high":
        qs = qs.filter(priority__gte=70)
    elif filters.priority == "normal":
        qs = qs.filter(priority__gt=30, priority__lt=70)
    elif filters.priority == "low":
        qs = qs.filter(priority__lte=30)
    order = {
        "priority": [F("priority").desc(), F("due_at").asc(nulls_last=True), "id"],
        "due": [F("due_at").asc(nulls_last=True), F("priority").desc(), "id"],
        "created": ["-created_at", "-id"],
        "name": ["name", "id"],
    }[filters.sort]
    return qs.order_by(*order)


def inbox_counts(user) -> dict[str, int]:
    now = timezone.now()
    every = _scoped(user, "all")
    return {
        "all": every.count(),
        "mine": tasks_for_user(user, scope="mine").count(),
        "group": _candidate_tasks(user).count(),
        "delegated": tasks_for_user(user, scope="delegated").count(),
        "overdue": every.filter(due_at__lt=now).count(),
    }


def inbox_processes(user) -> list[tuple[str, str]]:
    """(key, name) of the processes that have tasks in this person's inbox, for the filter."""
    rows = (
        _scoped(user, "all")
        .values_list("definition__key", "definition__name")
        .order_by("definition__key")
        .distinct()
    )
    seen: dict[str, str] = {}
    for key, name in rows:
        seen.setdefault(key, name or key)
    return list(seen.items())


def next_task_for(user, instance_id: int) -> HumanTask | None:
    """The next open task of the same case that is mine, or that I may claim."""
    mine = tasks_for_user(user, scope="mine").filter(instance_id=instance_id).first()
    if mine is not None:
        return mine
    return _candidate_tasks(user).filter(instance_id=instance_id).order_by("id").first()


def earlier_entry(task: HumanTask) -> dict:
    """What this step entered the last time it was done in this case (when the process
    sent it back), for its form to start from; {} the first time."""
    earlier = (
        HumanTask.objects.filter(
            instance_id=task.instance_id,
            element_id=task.element_id,
            status=HumanTask.Status.COMPLETED,
        )
        .exclude(pk=task.pk)
        .order_by("-ended_at", "-id")
        .values_list("completed_data", flat=True)
        .first()
    )
    return earlier if isinstance(earlier, dict) else {}


# How long a completion waits for an asynchronous step of the case (a worker's) before
# the page falls back to the inbox.
NEXT_TASK_WAIT_SECONDS = 2.0
_POLL_SECONDS = 0.2


def next_task_after(user, instance_id: int, wait: float = NEXT_TASK_WAIT_SECONDS):
    """The case's next task for me, waiting briefly while the case has a worker's step due
    (an asynchronous service task between two of my tasks); None when it moved elsewhere."""
    import time

    from engine.models import ProcessInstance

    deadline = time.monotonic() + wait
    while True:
        following = next_task_for(user, instance_id)
        if following is not None:
            return following
        pending = ProcessInstance.objects.filter(
            pk=instance_id, status=ProcessInstance.Status.RUNNING, due_at__isnull=False
        ).exists()
        if not pending or time.monotonic() >= deadline:
            return None
        time.sleep(_POLL_SECONDS)
