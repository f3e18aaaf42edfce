"""The embedded worker: the same work as Celery's, in a thread of the web process.

Used when no broker is configured (the one-command default): requests to advance an
instance go into an in-memory queue, and a sweep every half second finds due timers,
retries and anything a restart dropped — the database remains the source of truth. Work
due within the next sweep interval is held in a heap and done at its moment, so timers
fire on time rather than at the next sweep.

A server of several processes (config/gunicorn.py) runs one embedded worker in each: each
works off the requests of its own process, and one of them — the one holding the sweep
lock, a file lock beside the database — sweeps for all. If that process ends, another
takes the lock at its next sweep.
"""

import fcntl
import heapq
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from engine.services.batches import batches_work, running_batch_ids
from engine.services.sweep import sweep
from operations.schedule import daily_backup_tick

from .health import mark_embedded_sweep
from .metrics import timed_advance

logger = logging.getLogger(__name__)

SWEEP_INTERVAL = 0.5
_heap: list[tuple[float, int]] = []  # (when, instance id), `when` on time.time()'s clock
_pending: dict[int, float] = {}  # instance id → the earliest moment it is queued for
_jobs: deque[Callable[[], None]] = deque()  # other work handed over after a commit, in order
_lock = threading.Condition()
_thread: threading.Thread | None = None
_stop = threading.Event()
_sweep_lock: int | None = None  # the descriptor of the sweep lock, once this process holds it


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


def submit(job: Callable[[], None]) -> bool:
    """Do the job in the worker's thread, soon; False when no embedded worker runs here."""
    if _thread is None:
        return False
    with _lock:
        _jobs.append(job)
        _lock.notify()
    return True


def _do(job: Callable[[], None]) -> None:
    try:
        job()
    except Exception:
        logger.exception("A background job failed")


def _next_due(timeout: float) -> int | Callable[[], None] | None:
    with _lock:
        deadline = time.time() + timeout
        while not _stop.is_set():
            if _jobs:
                return _jobs.popleft()
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


# A batch operation's instances done per sweep here (a Celery worker does them apart).
BATCH_ITEMS_PER_SWEEP = 50


def sweep_once() -> int:
    due = sweep(horizon_s=SWEEP_INTERVAL * 2)
    now = timezone.now()
    for instance_id, due_at in due.items():
        enqueue(instance_id, due_at.timestamp() if due_at > now else None)
    if running_batch_ids():
        batches_work(limit=BATCH_ITEMS_PER_SWEEP)
    return len(due)


def _sweep_lock_path() -> str | None:
    """A file named after the database: the processes of one server share it, another
    server (another database) has its own. None for a database only this process sees."""
    db = connection.settings_dict
    name = str(db["NAME"] or "")
    if connection.vendor == "sqlite":
        if not name or name == ":memory:" or name.startswith("file:"):
            return None
        return f"{name}.sweep-lock"
    where = "-".join(str(part) for part in (db.get("HOST"), db.get("PORT"), name) if part)
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    return str(settings.VAR_DIR / f"{connection.vendor}-{where}.sweep-lock")


def _holds_sweep_lock() -> bool:
    """Is this the process that sweeps? Takes the lock when it is free."""
    global _sweep_lock
    if _sweep_lock is not None:
        return True
    path = _sweep_lock_path()
    if path is None:
        return True
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return False
    _sweep_lock = descriptor
    return True


def _release_sweep_lock() -> None:
    global _sweep_lock
    if _sweep_lock is not None:
        os.close(_sweep_lock)  # closing the descriptor releases its lock
        _sweep_lock = None


def _run() -> None:
    next_sweep = 0.0
    while not _stop.is_set():
        if time.monotonic() >= next_sweep:
            next_sweep = time.monotonic() + SWEEP_INTERVAL
            close_old_connections()
            try:
                if _holds_sweep_lock():
                    sweep_once()
                    mark_embedded_sweep(_sweep_lock_path())
                    daily_backup_tick()
            except Exception:
                logger.exception("The sweep failed; it runs again shortly")
        instance_id = _next_due(max(0.0, next_sweep - time.monotonic()))
        if instance_id is None:
            continue
        if callable(instance_id):
            _do(instance_id)
            continue
        try:
            timed_advance(instance_id)
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
    _release_sweep_lock()
    with _lock:
        _pending.clear()
        _heap.clear()
        left = list(_jobs)
        _jobs.clear()
    for job in left:  # handed over before the stop: done here rather than lost
        _do(job)
