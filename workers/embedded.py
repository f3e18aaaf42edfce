"""The embedded worker: the same work as Celery's, in a thread of the web process.

Used when no broker is configured (the one-command default): requests to advance an
instance go into an in-memory queue, and a sweep every half second finds due timers,
retries and anything a restart dropped — the database remains the source of truth.
"""

import logging
import queue
import threading
import time

from django.db import close_old_connections

from engine.services.advance import instance_advance
from engine.services.sweep import (
    due_instance_ids,
    instances_with_buffered_messages,
    messages_housekeeping,
)

logger = logging.getLogger(__name__)

SWEEP_INTERVAL = 0.5
_queue: queue.Queue[int] = queue.Queue()
_pending: set[int] = set()
_pending_lock = threading.Lock()
_thread: threading.Thread | None = None
_stop = threading.Event()


def enqueue(instance_id: int) -> None:
    if _thread is None:
        return  # no embedded worker in this process (tests, management commands)
    with _pending_lock:
        if instance_id in _pending:
            return
        _pending.add(instance_id)
    _queue.put(instance_id)


def _work_one(instance_id: int) -> None:
    with _pending_lock:
        _pending.discard(instance_id)
    try:
        instance_advance(instance_id=instance_id)
    except Exception:
        logger.exception("Advancing instance %s failed; the sweep will try again", instance_id)


def sweep_once() -> int:
    ids = set(due_instance_ids()) | set(instances_with_buffered_messages())
    for instance_id in sorted(ids):
        enqueue(instance_id)
    messages_housekeeping()
    return len(ids)


def _run() -> None:
    next_sweep = 0.0
    while not _stop.is_set():
        try:
            instance_id = _queue.get(timeout=0.1)
        except queue.Empty:
            instance_id = None
        close_old_connections()
        if instance_id is not None:
            _work_one(instance_id)
        if time.monotonic() >= next_sweep:
            next_sweep = time.monotonic() + SWEEP_INTERVAL
            try:
                sweep_once()
            except Exception:
                logger.exception("The sweep failed; it runs again shortly")


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
    _thread.join(timeout)
    _thread = None
    with _pending_lock:
        _pending.clear()
