"""Fan-out jobs handed to the broker off the step's thread.

With a broker, a step's commit only puts the job on an in-process queue; one daemon thread
per process publishes the jobs to Celery in their order. Celery's publish (building the
message, the round trip to Redis) otherwise costs the step about 0.6 ms. Jobs still queued
when the process exits are published first (atexit); a process killed outright loses the
jobs not yet published, as it loses an on-commit callback not yet run. A job the broker
refuses is done in the publisher's thread instead, so nobody goes untold.
"""

import atexit
import logging
import os
import queue
import threading

logger = logging.getLogger(__name__)

Job = tuple[str, dict]
_STOP = None
_lock = threading.Lock()
_jobs: "queue.SimpleQueue[Job | None]" = queue.SimpleQueue()
_thread: threading.Thread | None = None


def publish(event: str, payload: dict) -> None:
    """Queue the job for the broker; answers at once."""
    _running()
    _jobs.put((event, payload))


def _running() -> None:
    global _thread
    if _thread is not None and _thread.is_alive():
        return
    with _lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_run, name="notifications-publisher", daemon=True)
            _thread.start()


def _send(event: str, payload: dict) -> None:
    from processes.notifications.fanout import _fan_out_logged
    from processes.notifications.tasks import fan_out_task

    try:
        fan_out_task.delay(event, payload)
    except Exception:  # the broker is away: tell them from here rather than not at all
        logger.exception("Publishing %s %s failed; telling from this process", event, payload)
        from django.db import connection

        _fan_out_logged(event, payload)
        connection.close()


def _run() -> None:
    while (job := _jobs.get()) is not _STOP:
        _send(*job)


def flush(timeout: float = 10.0) -> None:
    """Publish what is queued and stop the thread (at exit; tests)."""
    global _thread
    thread = _thread
    if thread is None or not thread.is_alive():
        return
    _jobs.put(_STOP)
    thread.join(timeout)
    _thread = None


def _reset_in_child() -> None:  # a forked worker starts with no thread and an empty queue
    global _jobs, _thread, _lock
    _jobs, _thread, _lock = queue.SimpleQueue(), None, threading.Lock()


atexit.register(flush)
os.register_at_fork(after_in_child=_reset_in_child)
