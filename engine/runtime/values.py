"""Process data stored once per state, however many tasks hold it.

SpiffWorkflow gives every task its own copy of the process data: a child task starts with
shallow copies of its parent's lists and dicts, so a multi-instance task over 1,000 items
holds the list in the parent and again in the running item. Serialized task by task, the
state carries each value as often as tasks hold it.

Here a state keeps one table of values; a task's data is a map from name to a row of that
table. Two values share a row when they are the same object or shallow twins (same type,
same length, the very same elements in the same order): they serialize to the same text,
so storing one is exact, and telling them apart costs pointer comparisons, not a walk of
the data. Values are serialized by orjson in one pass; only types JSON cannot hold
(Decimal, dates, …) go through SpiffWorkflow's registry, and a state records whether any
did, so loading a plain state never walks its data.
"""

from collections.abc import Callable
from copy import copy
from operator import is_
from types import ModuleType
from typing import Any

from engine.types import JSONDict


def _twins(a: Any, b: Any) -> bool:
    if type(a) is not type(b) or len(a) != len(b):
        return False
    if isinstance(a, dict):
        return all(map(is_, a, b)) and all(map(is_, a.values(), b.values()))
    return all(map(is_, a, b))


def _storable(value: Any) -> bool:
    return not (callable(value) or isinstance(value, ModuleType))


class ValueTable:
    """Collects the distinct values of the task data written in one state."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._by_id: dict[int, int] = {}
        self._by_name: dict[str, list[tuple[object, int]]] = {}
        # Objects matched as twins, kept alive so their ids stay unique for this dump.
        self._held: list[Any] = []

    def row(self, name: str, value: Any) -> int:
        found = self._by_id.get(id(value))
        if found is not None:
            return found
        if isinstance(value, list | dict):
            for other, index in self._by_name.get(name, ()):
                if _twins(value, other):
                    self._by_id[id(value)] = index
                    self._held.append(value)
                    return index
        index = len(self.values)
        self.values.append(value)
        self._by_id[id(value)] = index
        self._by_name.setdefault(name, []).append((value, index))
        return index

    def rows(self, data: JSONDict) -> dict[str, int]:
        """A task's data as a map from name to row (callables and modules are not data)."""
        return {name: self.row(name, value) for name, value in data.items() if _storable(value)}


class ValueReader:
    """Gives back the values of a stored table, each task its own top-level container."""

    def __init__(self, values: list[Any], restore: Callable[[Any], Any] | None = None) -> None:
        self._values = values
        self._restore = restore
        self._handed: set[int] = set()

    def value(self, index: int) -> Any:
        value = self._values[index]
        if index not in self._handed:
            if self._restore is not None:
                value = self._restore(value)
                self._values[index] = value
            self._handed.add(index)
            return value
        # A second holder gets a shallow copy, as SpiffWorkflow gives a child task.
        return copy(value) if isinstance(value, list | dict) else value

    def data(self, rows: dict[str, int]) -> JSONDict:
        return {name: self.value(index) for name, index in rows.items()}
