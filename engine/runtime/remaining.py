"""A multi-instance task's items still to run, stored as two numbers instead of a list.

SpiffWorkflow keeps them in the task's internal data ("remaining"): for a list (or a
mapping) of items, their indexes (or keys); it starts with every index and drops the first
at each item. 1,000 items make 5 KB of state rewritten at every step — on PostgreSQL that
alone pushes the state past the size it compresses and stores out of line. Indexes that
run one by one are stored as their bounds, `{"range": [first, end]}`.

Only indexes and keys are compacted: over any other collection (a set, say) SpiffWorkflow
keeps the items themselves there, and 2.0 must not come back as 2. An index list that is
not consecutive (or anything unexpected) is stored as it is.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from engine.types import JSONDict

from .spiff import Task

KEY = "remaining"
SHORTEST = 8  # a shorter list is stored as it is: its bounds would save nothing

# 0, 1, 2, …: a list of indexes is compared with a slice of it (no numbers made per step)
_counting: list[int] = []
_COUNTING_MAX = 100_000


def _consecutive(remaining: list[Any], first: int, end: int) -> bool:
    global _counting
    if end > _COUNTING_MAX:
        return remaining == list(range(first, end))
    if len(_counting) < end:
        _counting = list(range(min(_COUNTING_MAX, max(end, 2 * len(_counting)))))
    return remaining == _counting[first:end]


def _holds_indexes(task: Task) -> bool:
    data_input = getattr(task.task_spec, "data_input", None)
    if data_input is None:
        return False
    try:
        collection = data_input.get(task)
    except Exception:  # noqa: BLE001 - no readable input: store the list as it is
        return False
    return isinstance(collection, Sequence | Mapping)


def compact(task: Task) -> JSONDict:
    """The task's internal data to store, with consecutive remaining indexes as bounds."""
    internal = task.internal_data
    remaining = internal.get(KEY)
    if type(remaining) is not list or len(remaining) < SHORTEST:
        return internal
    first, last = remaining[0], remaining[-1]
    if type(first) is not int or type(last) is not int or first < 0:
        return internal
    if last - first != len(remaining) - 1 or not _holds_indexes(task):
        return internal
    if not _consecutive(remaining, first, last + 1):
        return internal
    return {**internal, KEY: {"range": [first, last + 1]}}


def expand(internal: JSONDict) -> JSONDict:
    """Stored internal data back as SpiffWorkflow keeps it."""
    remaining = internal.get(KEY)
    if type(remaining) is dict and remaining.keys() == {"range"}:
        internal[KEY] = list(range(*remaining["range"]))
    return internal
