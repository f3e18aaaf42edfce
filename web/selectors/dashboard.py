"""Reads behind the dashboard: tasks per group and instances per day, of the processes the
manager monitors (engine.selectors.visible_tasks / visible_instances)."""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from engine.models import HumanTask, ProcessInstance
from engine.selectors import OPEN_STATES, visible_instances, visible_tasks
from engine.types import User

PERIODS = {"7": _("Last 7 days"), "30": _("Last 30 days"), "90": _("Last 90 days")}
NO_GROUP = "(a person)"


def _tasks(user: User):
    return visible_tasks(user, HumanTask.objects.filter(status__in=OPEN_STATES))


def _instances(user: User):
    return visible_instances(user, ProcessInstance.objects.all())


def tasks_per_group(user: User) -> list[dict]:
    """Open and overdue tasks per candidate group (a task with two groups counts in both)."""
    now = timezone.now()
    open_counts: Counter = Counter()
    overdue_counts: Counter = Counter()
    for groups, due_at in _tasks(user).values_list("candidate_groups", "due_at"):
        for group in groups or [NO_GROUP]:
            open_counts[group] += 1
            if due_at is not None and due_at < now:
                overdue_counts[group] += 1
    return [
        {"group": group, "open": open_counts[group], "overdue": overdue_counts[group]}
        for group in sorted(open_counts)
    ]


def period_days(period: str, today: date) -> list[date]:
    length = int(period if period in PERIODS else "7")
    return [today - timedelta(days=n) for n in range(length - 1, -1, -1)]


def _per_day(qs, field: str, days: list[date]) -> list[int]:
    counts = dict(
        qs.filter(**{f"{field}__date__gte": days[0], f"{field}__date__lte": days[-1]})
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    return [counts.get(day, 0) for day in days]


def instances_per_day(user: User, days: list[date]) -> dict:
    return {
        "days": [day.isoformat() for day in days],
        "labels": [date_format(day, "MONTH_DAY_FORMAT") for day in days],
        "started": _per_day(_instances(user), "started_at", days),
        "completed": _per_day(
            _instances(user).filter(status=ProcessInstance.Status.COMPLETED), "ended_at", days
        ),
    }


def task_totals(user: User) -> dict[str, int]:
    now = timezone.now()
    open_tasks = _tasks(user)
    instances = _instances(user)
    return {
        "open": open_tasks.count(),
        "overdue": open_tasks.filter(due_at__lt=now).count(),
        "running": instances.filter(status=ProcessInstance.Status.RUNNING).count(),
        "incidents": instances.filter(status=ProcessInstance.Status.ERROR).count(),
    }
