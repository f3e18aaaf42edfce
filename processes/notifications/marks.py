"""Which processes are marked "notify on end", kept in memory for a few seconds.

Every ended case asks this (subscribers.tell_instance_ended), and nearly always the answer
is no: a lookup in memory instead of a query per case. The memory is a filter only — a
"yes" is read again from the database with the case itself (selectors.ended_case_to_tell).
So a stale memory can cost a query but never tells anyone wrongly. A mark saved or deleted
in this process is seen at once (the model's signals empty the memory, and again when it
commits; a read that began before is not kept); one made by another process, within
FRESH_FOR. Pages read the marks from the database
(selectors.notifies_on_end).
"""

import threading
import time

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from processes.notifications.models import EndNotice

FRESH_FOR = 5.0  # seconds a read of the marks is trusted

_lock = threading.Lock()
_read: tuple[float, frozenset[str]] | None = None
_changes = 0  # marks changed in this process so far: a read begun before one is not kept


def marked_processes() -> frozenset[str]:
    """The keys of the marked processes, read at most once per FRESH_FOR."""
    global _read
    with _lock:
        if _read is not None and time.monotonic() - _read[0] < FRESH_FOR:
            return _read[1]
        changes = _changes
    keys = frozenset(EndNotice.objects.values_list("process_key", flat=True))
    with _lock:
        if changes == _changes:
            _read = (time.monotonic(), keys)
    return keys


def forget(**_) -> None:
    """The next question reads the marks again."""
    global _read, _changes
    with _lock:
        _read = None
        _changes += 1


def _changed(**_) -> None:
    # Once now, and again once the change commits: a read by another thread in between
    # does not see it yet.
    forget()
    transaction.on_commit(forget)


def connect() -> None:
    post_save.connect(_changed, sender=EndNotice, dispatch_uid="notifications.marks.saved")
    post_delete.connect(_changed, sender=EndNotice, dispatch_uid="notifications.marks.deleted")
