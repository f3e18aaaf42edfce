"""Every in-process cache of the engine, bounded, with one rule for invalidation.

The rule: a cache is keyed by something that never changes once written — a definition
version (its id, key and content hash: a deployed version is never edited), or an
instance's revision (`hot`: an entry is used only for the exact revision the locked row
holds). So nothing is ever invalidated one entry at a time; `clear_all` empties every cache
at once, for the tests (whose rolled-back transactions reuse ids) and nothing else.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_registry: list["Bounded[Any]"] = []


class Bounded(Generic[V]):
    """A thread-safe cache that forgets its least recently used entry past `capacity`."""

    def __init__(self, name: str, capacity: int) -> None:
        self.name = name
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        _registry.append(self)

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def pop(self, key: Hashable) -> V | None:
        """The entry, taken out of the cache (the next reader will not find it)."""
        with self._lock:
            return self._entries.pop(key, None)

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)

    def __getitem__(self, key: Hashable) -> V:
        with self._lock:
            return self._entries[key]

    def __setitem__(self, key: Hashable, value: V) -> None:
        self.put(key, value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def clear_all() -> None:
    """Empty every engine cache."""
    for cache in _registry:
        cache.clear()


# The caches themselves, so they can be seen in one place.
# (Typed Any where the value's class lives in a module that imports this one.)
DEFINITIONS: Bounded[Any] = Bounded("definitions", 256)  # ProcessDefinition rows by id
SPECS: Bounded[tuple[Any, dict[str, Any]]] = Bounded("specs", 128)  # (spec, subprocess specs)
TRAITS: Bounded[Any] = Bounded("traits", 128)  # what a version can wait for (specs.Traits)
# The workflow an instance last saved: (revision, definition id, workflow).
HOT: Bounded[tuple[int, int, Any]] = Bounded("hot workflows", 256)
