"""Reads behind the inbox and the task page."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engine.models import HumanTask
from engine.selectors import tasks_for_user
from engine.task_filters import task_query

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
FOLLOW_UP = {
    "today": _("Follow up today"),
    "later": _("Follow up later"),
    "none": _("No follow-up date"),
}
SORTS = {
    "priority": _("Priority"),
    "due": _("Due date"),
    "follow_up": _("Follow-up date"),
    "created": _("Newest first"),
    "name": _("Task name"),
}
# The page's lists and the scope each is in the query of the API and the saved filters.
SCOPE_OF_VIEW = {"all": "inbox", "mine": "mine", "group": "candidate", "delegated": "delegated"}
VIEW_OF_SCOPE = {scope: view for view, scope in SCOPE_OF_VIEW.items()}


@dataclass(frozen=True)
class InboxFilters:
    view: str = "all"
    process: str = ""
    due: str = ""
    priority: str = ""
    follow_up: str = ""
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
            follow_up=pick("follow_up", FOLLOW_UP),
            sort=pick("sort", SORTS, "priority"),
        )

    @classmethod
    def from_saved(cls, query: dict) -> "InboxFilters":
        """A saved filter's query (the API's words) as the page's filters."""
        return cls.from_query(
            {
                "view": VIEW_OF_SCOPE.get(query.get("scope", "inbox"), "all"),
                "process": query.get("definition", ""),
                "due": query.get("due", ""),
                "priority": query.get("priority", ""),
                "follow_up": query.get("follow_up", ""),
                "sort": query.get("sort", "priority"),
            }
        )

    def as_query(self) -> dict:
        """These filters in the API's words (/api/tasks/, saved filters), empty ones left out."""
        query = {
            "scope": SCOPE_OF_VIEW[self.view],
            "definition": self.process,
            "due": self.due,
            "priority": self.priority,
            "follow_up": self.follow_up,
            "sort": "" if self.sort == "priority" else self.sort,  # the default
        }
        return {name: value for name, value in query.items() if value}

    def as_params(self) -> str:
        """The page's query string for these filters."""
        params = {
            "view": "" if self.view == "all" else self.view,
            "process": self.process,
            "due": self.due,
            "priority": self.priority,
            "follow_up": self.follow_up,
            "sort": "" if self.sort == "priority" else self.sort,
        }
        return urlencode({name: value for name, value in params.items() if value})

    @property
    def any(self) -> bool:
        return bool(self.process or self.due or self.priority or self.follow_up)


def inbox_tasks(user, filters: InboxFilters) -> QuerySet[HumanTask]:
    return task_query(user, **filters.as_query()).select_related(
        "definition", "assignee", "instance__definition"
    )


def inbox_counts(user) -> dict[str, int]:
    every = task_query(user, scope="inbox")
    return {
        "all": every.count(),
        "mine": task_query(user, scope="mine").count(),
        "group": task_query(user, scope="candidate").count(),
        "delegated": task_query(user, scope="delegated").count(),
        "overdue": task_query(user, scope="inbox", due="overdue").count(),
        "follow_up": task_query(user, scope="inbox", follow_up="today").count(),
    }


def inbox_processes(user) -> list[tuple[str, str]]:
    """(key, name) of the processes that have tasks in this person's inbox, for the filter."""
    rows = (
        task_query(user, scope="inbox")
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
    unclaimed = task_query(user, scope="candidate", instance=instance_id)
    return unclaimed.order_by("id").first()


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


_POLL_SECONDS = 0.2


def next_task_wait() -> float:
    """How long a completion waits for an asynchronous step of the case (a worker's) before
    the page falls back to the inbox: HYPERCRM_NEXT_TASK_WAIT_SECONDS (2 s)."""
    return float(settings.HYPERCRM.get("NEXT_TASK_WAIT_SECONDS", 2.0))


def next_task_after(user, instance_id: int, wait: float | None = None):
    """The case's next task for me, waiting briefly while the case has a worker's step due
    (an asynchronous service task between two of my tasks); None when it moved elsewhere."""
    import time

    from engine.models import ProcessInstance

    deadline = time.monotonic() + (next_task_wait() if wait is None else wait)
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
