"""Celery tasks: thin wrappers over the engine's services, each safe to run twice."""

import logging
from functools import lru_cache

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from engine.services.advance import instance_advance
from engine.services.sweep import sweep as sweep_due
from workers.health import mark_sweep

logger = logging.getLogger(__name__)

# An instance the sweep enqueued is not enqueued again for this long (unless it is done):
# long enough for a busy worker to reach it, short enough to recover a lost request.
REENQUEUE_AFTER_S = 10
# How far ahead the sweep looks: beat runs it every second, so two seconds never miss one.
LOOKAHEAD_S = 2.0


@shared_task(name="workers.advance_instance", acks_late=True, reject_on_worker_lost=True)
def advance_instance(instance_id: int) -> bool:
    try:
        return instance_advance(instance_id=instance_id)
    finally:
        if (marks := _marks()) is not None:
            marks.delete(_mark(instance_id))


@lru_cache(maxsize=1)
def _marks():
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    return redis.Redis.from_url(url)


def _mark(instance_id: int) -> str:
    return f"hypercrm:enqueued:{instance_id}"


@shared_task(name="workers.sweep", ignore_result=True)
def sweep() -> int:
    """Enqueue every instance with due work (timers, retries, lost continuations, messages)."""
    due = sweep_due(horizon_s=LOOKAHEAD_S)
    now = timezone.now()
    ids = sorted(due)
    marks = _marks()
    fresh = ids
    if marks is not None and ids:
        pipe = marks.pipeline()
        for instance_id in ids:
            pipe.set(_mark(instance_id), 1, nx=True, ex=REENQUEUE_AFTER_S)
        fresh = [i for i, was_set in zip(ids, pipe.execute(), strict=True) if was_set]
    for instance_id in fresh:
        # Work due within the look-ahead is handed over now, to run at its moment.
        when = due[instance_id]
        advance_instance.apply_async((instance_id,), eta=when if when > now else None)
    mark_sweep()
    return len(fresh)
