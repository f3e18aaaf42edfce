"""Celery tasks: thin wrappers over the engine's services, each safe to run twice.

Three queues (config/settings.py), so that no kind of work waits behind another's backlog:
the default one for what a step asks for after it commits, `due` for the batches of due work
the sweep hands out, and `sweep` for the sweep itself.

The sweep marks in Redis each instance it hands out, so that the next sweeps do not hand it
out again. A mark lasts while its batch waits in the queue (both live in Redis: a flush
loses them together), lasts MARK_AFTER_START_S once a worker starts the batch (a killed
worker's instances are handed out again after that), and goes when the batch is done.
"""

import logging
import time
from functools import lru_cache

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from engine.services.batches import batches_work, running_batch_ids
from engine.services.sweep import drop_ended
from engine.services.sweep import sweep as sweep_due
from workers.health import mark_sweep
from workers.metrics import timed_advance

logger = logging.getLogger(__name__)

# How long a mark outlives the start of its batch's work: long enough for a busy worker to
# finish the batch, short enough to recover the instances of a worker that died on it.
MARK_AFTER_START_S = 10
# How long a mark lasts while its batch waits in the queue: far more than the queue's wait
# (HANDOUT_LIMIT keeps it short), so that a backlog is not handed out twice.
MARK_WHILE_QUEUED_S = 300
# How far ahead the sweep looks: beat runs it every second, so two seconds never miss one.
LOOKAHEAD_S = 2.0
# A batch of due work: at most this many instances, due within this span of each other —
# small enough that every worker gets a share, large enough that the broker's cost per
# message is spread over many steps.
BATCH_SIZE = 20
BATCH_SPAN_S = 0.25
# At most this many instances are handed out and not yet done: a sweep that finds the
# oldest due ones all handed out hands out nothing more, so a backlog neither grows the
# queue nor makes each sweep dearer.
HANDOUT_LIMIT = 1000
# A batch operation's instances done per task: about a second's work, so that progress shows.
BATCH_ITEMS_PER_TASK = 100


@shared_task(name="workers.advance_instance", acks_late=True, reject_on_worker_lost=True)
def advance_instance(instance_id: int) -> bool:
    """Advance the instance now: what a step asks for once it has committed."""
    return timed_advance(instance_id)


@shared_task(name="workers.advance_due", acks_late=True, reject_on_worker_lost=True)
def advance_due(batch: list[tuple[int, float]]) -> int:
    """Advance each instance of the batch at its moment (a time.time() value), in order.

    Each instance is advanced in its own transaction under its own lock, like
    `advance_instance`; one that fails is left for the sweep to find again.
    """
    instance_ids = [instance_id for instance_id, _when in batch]
    _mark_started(instance_ids)
    advanced = 0
    try:
        for instance_id, when in batch:
            wait = when - time.time()
            if wait > LOOKAHEAD_S + BATCH_SPAN_S:
                continue  # not the sweep's hand-out (clocks apart?): the sweep finds it again
            if wait > 0:
                time.sleep(wait)
            try:
                advanced += timed_advance(instance_id)
            except Exception:
                logger.exception("Advancing instance %s failed; the sweep retries it", instance_id)
                close_old_connections()  # a broken connection is not kept for the next one
    finally:
        _unmark(instance_ids)
    return advanced


@lru_cache(maxsize=1)
def _marks():
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    return redis.Redis.from_url(url)


def _mark(instance_id: int) -> str:
    return f"hypercrm:enqueued:{instance_id}"


# Sets each absent mark; answers the (1-based) positions of those it set. One round trip
# for the whole sweep instead of a command per instance.
_MARK_ABSENT = """
local fresh = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, 1, 'NX', 'EX', ARGV[1]) then fresh[#fresh + 1] = i end
end
return fresh
"""


def _not_handed_out(instance_ids: list[int]) -> list[int]:
    """Mark the instances handed out; return those that were not already."""
    marks = _marks()
    if marks is None or not instance_ids:
        return instance_ids
    keys = [_mark(instance_id) for instance_id in instance_ids]
    fresh = marks.register_script(_MARK_ABSENT)(keys=keys, args=[MARK_WHILE_QUEUED_S])
    return [instance_ids[position - 1] for position in fresh]


def _mark_started(instance_ids: list[int]) -> None:
    if (marks := _marks()) is not None and instance_ids:
        pipe = marks.pipeline(transaction=False)
        for instance_id in instance_ids:
            pipe.expire(_mark(instance_id), MARK_AFTER_START_S)
        pipe.execute()


def _unmark(instance_ids: list[int]) -> None:
    if (marks := _marks()) is not None and instance_ids:
        marks.delete(*(_mark(instance_id) for instance_id in instance_ids))


def batches(due: list[tuple[int, float]], now: float) -> list[list[tuple[int, float]]]:
    """Split (instance id, moment) pairs, in due order, into batches for the workers."""
    found: list[list[tuple[int, float]]] = []
    batch: list[tuple[int, float]] = []
    start = now
    for instance_id, when in due:
        if batch and (len(batch) >= BATCH_SIZE or when - start > BATCH_SPAN_S):
            found.append(batch)
            batch = []
        if not batch:
            start = max(when, now)
        batch.append((instance_id, when))
    if batch:
        found.append(batch)
    return found


@shared_task(name="workers.work_batches", acks_late=True, reject_on_worker_lost=True)
def work_batches() -> int:
    """Do the next instances of the running batch operations, each in its own transaction
    (the sweep asks every second while one runs; two at once take different instances)."""
    return batches_work(limit=BATCH_ITEMS_PER_TASK)


@shared_task(name="workers.sweep", ignore_result=True)
def sweep() -> int:
    """Hand out every instance with due work (timers, retries, lost continuations, messages)
    to the workers, in batches, each to be advanced at its moment."""
    due = sweep_due(horizon_s=LOOKAHEAD_S, limit=HANDOUT_LIMIT)
    fresh = _not_handed_out(sorted(due, key=lambda instance_id: (due[instance_id], instance_id)))
    if fresh:
        # A worker that finished one of them after the read above has cleared its mark
        # already: read again, so as not to hand out what is done.
        running = drop_ended({instance_id: due[instance_id] for instance_id in fresh})
        _unmark([instance_id for instance_id in fresh if instance_id not in running])
        fresh = [instance_id for instance_id in fresh if instance_id in running]
    moments = [(instance_id, due[instance_id].timestamp()) for instance_id in fresh]
    for batch in batches(moments, timezone.now().timestamp()):
        advance_due.delay(batch)
    if running_batch_ids():
        work_batches.delay()
    mark_sweep()
    return len(fresh)
