"""The embedded worker: the same work as Celery's, in a thread of the web process.

Used when no broker is configured (the one-command default): requests to advance an
instance go into an in-memory queue, and a sweep every half second finds due timers,
retries and anything a restart dropped — the database remains the source of truth. Work
due within the next sweep interval is held in a heap and done at its moment, so timers
fire on time rather than at the next sweep.
"""

import heapq
import logging
import threading
import time

from django.db import close_old_connections
from django.utils import timezone

from engine.services.advance import instance_advance
from engine.services.sweep import sweep

logger = logging.getLogger(__name__)

SWEEP_INTERVAL = 0.5
_heap: list[tuple[float, int]] = []  # (when, instance id), `when` on time.time()'s clock
_pending: dict[int, float] = {}  # instance id → the earliest moment it is queued for
_lock = threading.Condition()
_thread: threading.Thread | None = None
_stop = threading.Event()


def enqueue(instance_id: int, when: float | None = None) -> None:
    """Advance the instance now (or at `when`, a time.time() moment)."""
    if _thread is None:
        return  # no embedded worker in this process (tests, management commands)
    when = when or 0.0
    with _lock:
        if _pending.get(instance_id, float("inf")) <= when:
            return
        _pending[instance_id] = when
        heapq.heappush(_heap, (when, instance_id))
        _lock.notify()


def _next_due(timeout: float) -> int | None:
    with _lock:
        deadline = time.time() + timeout
        while not _stop.is_set():
            now = time.time()
            if _heap and _heap[0][0] <= now:
                when, instance_id = heapq.heappop(_heap)
                if _pending.get(instance_id) != when:
                    continue  # superseded by an earlier request; the sweep re-finds later work
                del _pending[instance_id]
                return instance_id
            wait = deadline - now
            if _heap:
                wait = min(wait, _heap[0][0] - now)
            if wait <= 0:
                return None
            _lock.wait(wait)
    return None


def sweep_once() -> int:
    due = sweep(horizon_s=SWEEP_INTERVAL * 2)
    now = timezone.now()
    for instance_id, due_at in due.items():
        enqueue(instance_id, due_at.timestamp() if due_at > now else None)
    return len(due)


def _run() -> None:
    next_sweep = 0.0
    while not _stop.is_set():
        if time.monotonic() >= next_sweep:
            next_sweep = time.monotonic() + SWEEP_INTERVAL
            close_old_connections()
            try:
                sweep_once()
            except Exception:
                logger.exception("The sweep failed; it runs again shortly")
        instance_id = _next_due(max(0.0, next_sweep - time.monotonic()))
        if instance_id is None:
            continue
        try:
            instance_advance(instance_id=instance_id)
        except Exception:
            logger.exception("Advancing instance %s failed; the sweep will try again", instance_id)


def start() -> None:
    """Start the worker thread once per process."""
    global _thread
    if _thread is not None:
        return
    _stop.clear()
    _thread = threading.Thread(target=_run, name="hypercrm-embedded-worker", daemon=True)
    _thread.start()
    logger.info("Embedded worker started")


def is_running() -> bool:
    return _thread is not None and _thread.is_alive()


def stop(timeout: float = 5.0) -> None:
    global _thread
    if _thread is None:
        return
    _stop.set()
    with _lock:
        _lock.notify_all()
    _thread.join(timeout)
    _thread = None
    with _lock:
        _pending.clear()
        _heap.clear()
