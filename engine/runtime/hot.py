"""Hot instances: the workflow a process just saved, kept for its next step.

A step takes the instance's row lock and compares the stored revision with the cached one,
so a cached workflow is used only when it is exactly what the database holds. An entry is
taken out when used and put back only after its transaction commits: a step that fails or
rolls back leaves nothing behind, and the next one reads the state from the database.
"""

import threading
from collections import OrderedDict

from django.db import transaction

CAPACITY = 256

_entries: OrderedDict = OrderedDict()
_lock = threading.Lock()


def take(instance_id: int, revision: int, definition_id: int):
    """The cached workflow of this exact revision, removed from the cache; else None."""
    with _lock:
        entry = _entries.pop(instance_id, None)
    if entry is None:
        return None
    cached_revision, cached_definition, workflow = entry
    if cached_revision != revision or cached_definition != definition_id:
        return None
    return workflow


def keep_after_commit(instance_id: int, revision: int, definition_id: int, workflow) -> None:
    def keep():
        with _lock:
            _entries[instance_id] = (revision, definition_id, workflow)
            _entries.move_to_end(instance_id)
            while len(_entries) > CAPACITY:
                _entries.popitem(last=False)

    transaction.on_commit(keep)


def clear() -> None:
    with _lock:
        _entries.clear()
