"""The inbox's query in one vocabulary: the API's /api/tasks/, the inbox page and the saved
filters all read tasks through `task_query`, so a saved filter's count is what its list shows.

Beyond `tasks_for_user` (scope, status, state, definition, instance) it knows the inbox's
own scope (`inbox`: mine and my groups' unclaimed, open), due and priority buckets, the
follow-up date (Camunda's `followUpDate`: "to follow up today" or later) and the sorts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F, OrderBy, Q, QuerySet
from django.utils import timezone

from engine.models import HumanTask
from engine.selectors import OPEN_STATES, tasks_for_user, with_task_status
from engine.types import User

DUE = ("overdue", "today", "week", "none")
# Camunda's default priority is 50; the buckets are what people mean by high and low.
PRIORITY = ("high", "normal", "low")
# today: the follow-up date has come or comes before tonight; later: after today.
FOLLOW_UP = ("today", "later", "none")
SORTS = ("priority", "due", "follow_up", "created", "name")


def _end_of_today(now: datetime) -> datetime:
    return timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=999999)


def _unclaimed_for(user: User) -> QuerySet[HumanTask]:
    if user.is_superuser:
        # A superuser may take any task (is_candidate); offer every unclaimed one.
        return HumanTask.objects.filter(status=HumanTask.Status.OPEN, assignee__isnull=True)
    return tasks_for_user(user, scope="candidate")


def with_due(qs: QuerySet[HumanTask], due: str | None, now: datetime) -> QuerySet[HumanTask]:
    if due == "overdue":
        return qs.filter(due_at__lt=now)
    if due == "today":
        return qs.filter(due_at__lte=_end_of_today(now))
    if due == "week":
        return qs.filter(due_at__lte=now + timedelta(days=7))
    if due == "none":
        return qs.filter(due_at__isnull=True)
    return qs


def with_priority(qs: QuerySet[HumanTask], priority: str | None) -> QuerySet[HumanTask]:
    if priority == "high":
        return qs.filter(priority__gte=70)
    if priority == "normal":
        return qs.filter(priority__gt=30, priority__lt=70)
    if priority == "low":
        return qs.filter(priority__lte=30)
    return qs


def with_follow_up(
    qs: QuerySet[HumanTask], follow_up: str | None, now: datetime
) -> QuerySet[HumanTask]:
    if follow_up == "today":
        return qs.filter(follow_up_at__lte=_end_of_today(now))
    if follow_up == "later":
        return qs.filter(follow_up_at__gt=_end_of_today(now))
    if follow_up == "none":
        return qs.filter(follow_up_at__isnull=True)
    return qs


def _ordering(sort: str) -> list[OrderBy | str]:
    return {
        "priority": [F("priority").desc(), F("due_at").asc(nulls_last=True), "id"],
        "due": [F("due_at").asc(nulls_last=True), F("priority").desc(), "id"],
        "follow_up": [F("follow_up_at").asc(nulls_last=True), F("priority").desc(), "id"],
        "created": [F("created_at").desc(), F("id").desc()],
        "name": ["name", "id"],
    }[sort]


def task_query(
    user: User,
    *,
    scope: str = "all",
    status: str | None = None,
    state: str | None = None,
    definition: str | None = None,
    instance: int | None = None,
    due: str | None = None,
    priority: str | None = None,
    follow_up: str | None = None,
    sort: str | None = None,
    now: datetime | None = None,
) -> QuerySet[HumanTask]:
    """The tasks this person may see that match; in `sort` order when given, else the
    order of `tasks_for_user` (best first)."""
    now = now or timezone.now()
    if scope == "inbox":
        qs = _inbox(user)
        qs = with_task_status(qs, status, state)
        if definition:
            qs = qs.filter(definition__key=definition)
        if instance:
            qs = qs.filter(instance_id=instance)
    elif scope == "candidate" and user.is_superuser:
        qs = _unclaimed_for(user)
        if definition:
            qs = qs.filter(definition__key=definition)
        if instance:
            qs = qs.filter(instance_id=instance)
    else:
        qs = tasks_for_user(
            user, scope=scope, status=status, state=state, definition=definition, instance=instance
        )
    qs = with_follow_up(with_priority(with_due(qs, due, now), priority), follow_up, now)
    return qs.order_by(*_ordering(sort)) if sort else qs


def _inbox(user: User) -> QuerySet[HumanTask]:
    mine = tasks_for_user(user, scope="mine")
    unclaimed = _unclaimed_for(user)
    return (
        HumanTask.objects.select_related("definition", "assignee")
        .filter(
            Q(pk__in=mine.values("pk")) | Q(pk__in=unclaimed.values("pk")),
            status__in=OPEN_STATES,
        )
        .order_by("-priority", "id")
    )
