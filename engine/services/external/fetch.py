"""Fetch and lock external tasks for a worker, waiting a while when there are none."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from engine.db.transactions import atomic
from engine.exceptions import Forbidden, InvalidData
from engine.models import ExternalTask, ProcessInstance
from engine.runtime.state import task_data
from engine.types import JSONDict, User

from ..permissions import external_work_refusal

# How long a fetch may wait for work at most, and how often it looks meanwhile.
DEFAULT_MAX_WAIT_S = 60
POLL_INTERVAL_S = 0.25
# Camunda's cap on one lock: a worker that needs longer extends it.
MAX_LOCK_MS = 7 * 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicRequest:
    """One topic a worker asks for (Camunda's FetchExternalTaskTopicDto)."""

    name: str
    lock_duration_ms: int
    variables: list[str] | None = None  # None: all of them
    business_key: str | None = None
    definition_keys: list[str] | None = None
    process_variables: JSONDict = field(default_factory=dict)  # name → value they must have


@dataclass
class LockedTask:
    row: ExternalTask
    variables: JSONDict


def _free(now: datetime) -> Q:
    """Rows no worker holds now and that are not waiting out a retry timeout."""
    return (Q(lock_expires_at__isnull=True) | Q(lock_expires_at__lte=now)) & (
        Q(available_at__isnull=True) | Q(available_at__lte=now)
    )


def _check(worker_id: str, topics: list[TopicRequest], max_tasks: int, user: User | None) -> None:
    if (refusal := external_work_refusal(user)) is not None:
        raise Forbidden(refusal)
    errors: dict[str, list[str]] = {}
    if not worker_id:
        errors["workerId"] = ["A worker id is required: the lock is held in its name."]
    if max_tasks < 0:
        errors["maxTasks"] = ["maxTasks cannot be negative."]
    for index, topic in enumerate(topics):
        if not topic.name:
            errors[f"topics[{index}].topicName"] = ["A topic needs its topicName."]
        if not 0 < topic.lock_duration_ms <= MAX_LOCK_MS:
            errors[f"topics[{index}].lockDuration"] = [
                f"The lock duration must be more than 0 and at most {MAX_LOCK_MS} ms."
            ]
    if errors:
        raise InvalidData("The fetch request is not valid.", errors)


def _candidates(topic: TopicRequest, now: datetime, use_priority: bool) -> QuerySet[ExternalTask]:
    rows = (
        ExternalTask.objects.filter(
            topic=topic.name, instance__status=ProcessInstance.Status.RUNNING
        )
        .filter(_free(now))
        .exclude(retries=0)
        .select_related("instance", "instance__definition")
        .defer("instance__state", "instance__ended_variables")
    )
    if topic.business_key is not None:
        rows = rows.filter(instance__business_key=topic.business_key)
    if topic.definition_keys:
        rows = rows.filter(instance__definition__key__in=topic.definition_keys)
    return rows.order_by("-priority", "id") if use_priority else rows.order_by("id")


def _matches(row: ExternalTask, data: JSONDict, topic: TopicRequest) -> bool:
    return all(data.get(name) == value for name, value in topic.process_variables.items())


@atomic
def external_tasks_lock(
    *,
    worker_id: str,
    topics: list[TopicRequest],
    max_tasks: int,
    use_priority: bool = False,
    user: User | None,
) -> list[LockedTask]:
    """Lock up to `max_tasks` free tasks of the topics for the worker, at once.

    Each lock is one UPDATE that holds only while the row is still free, so of two workers
    asking at the same moment one wins each task and the other passes to the next."""
    _check(worker_id, topics, max_tasks, user)
    now = timezone.now()
    locked: list[LockedTask] = []
    for topic in topics:
        for row in _candidates(topic, now, use_priority).iterator(chunk_size=50):
            if len(locked) >= max_tasks:
                return locked
            data = task_data(row.instance, row.spiff_task_id)
            if not _matches(row, data, topic):
                continue
            until = now + timedelta(milliseconds=topic.lock_duration_ms)
            won = (
                ExternalTask.objects.filter(pk=row.pk)
                .filter(_free(now))
                .update(worker_id=worker_id, lock_expires_at=until)
            )
            if not won:
                continue  # another worker took it a moment ago
            row.worker_id, row.lock_expires_at = worker_id, until
            if topic.variables is not None:
                data = {name: data[name] for name in topic.variables if name in data}
            locked.append(LockedTask(row, data))
    return locked


def external_tasks_fetch(
    *,
    worker_id: str,
    topics: list[TopicRequest],
    max_tasks: int,
    use_priority: bool = False,
    wait_ms: int = 0,
    user: User | None,
) -> list[LockedTask]:
    """Camunda's fetchAndLock: lock what there is; with `wait_ms` (long polling), wait up
    to that long (at most EXTERNAL_TASK_MAX_WAIT_S) for a task to come, then answer."""
    max_wait = settings.HYPERCRM.get("EXTERNAL_TASK_MAX_WAIT_S", DEFAULT_MAX_WAIT_S)
    deadline = time.monotonic() + min(max(wait_ms, 0) / 1000, max_wait)
    _check(worker_id, topics, max_tasks, user)
    names = [topic.name for topic in topics]
    while True:
        # A plain read first: an idle worker's polls take no write lock (SQLite has one).
        free = ExternalTask.objects.filter(topic__in=names).filter(_free(timezone.now()))
        if not free.exclude(retries=0).exists():
            locked = []
        else:
            locked = external_tasks_lock(
                worker_id=worker_id,
                topics=topics,
                max_tasks=max_tasks,
                use_priority=use_priority,
                user=user,
            )
        if locked or max_tasks == 0 or time.monotonic() >= deadline:
            return locked
        time.sleep(min(POLL_INTERVAL_S, max(deadline - time.monotonic(), 0)))
