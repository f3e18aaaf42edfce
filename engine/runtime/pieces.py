"""Large values are written once and rewritten only when they change.

A state's value table (values.py) is written with the state at every step. A value whose
JSON is small stays in the state's text. A larger one is stored as pieces, rows of its own
(InstancePiece): a long list in runs of CHUNK items (its last, partial run stays in the
state), anything else whole. A step writes only the pieces whose text is new and deletes
those no longer used, so a 1,000-item list that a multi-instance task reads is written once,
and the list of results it appends to writes one piece every CHUNK items, not one per step.

Pieces are matched by their exact JSON text (an in-memory map kept with the workflow), so a
changed value is never mistaken for an unchanged one. Serializing is one orjson pass per
value; a list is serialized run by run.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import orjson

from engine.types import JSONDict

INLINE_MAX = 2048  # characters of JSON: smaller values stay in the state's text
CHUNK = 32  # list items per piece (a piece of small items stays under PostgreSQL's TOAST size)


@dataclass
class PieceIndex:
    """The pieces an instance has stored: their text and number."""

    by_text: dict[str, int] = field(default_factory=dict)
    next_seq: int = 1

    @classmethod
    def of(cls, pieces: dict[int, str]) -> "PieceIndex":
        return cls({text: seq for seq, text in pieces.items()}, max(pieces, default=0) + 1)


@dataclass
class Encoded:
    # one per value: {"v": json} inline, {"b": seq} whole, {"c": [seq, …], "t": [items]}
    # runs of a long list (its last, partial run, "t", in the state when small)
    entries: list[JSONDict]
    index: PieceIndex  # what is stored once the step is saved
    inserts: dict[int, str]  # new pieces to write
    updates: dict[int, str]  # pieces whose row is given new text (a changed piece's row)
    deletes: list[int]  # pieces no longer used


def encode(values: list[Any], dumps: Callable[[Any], str], stored: PieceIndex) -> Encoded:
    """`dumps(value) -> str` is the state's JSON writer (types JSON cannot hold included).

    A new piece takes over the row of a piece no longer used where there is one (an UPDATE
    in place rather than a DELETE and an INSERT: a list appended to at every step does not
    leave a dead row and index entry behind at every step)."""
    used: dict[str, int] = {}
    new: list[str] = []

    def piece(text: str) -> str:
        if text not in used:
            seq = stored.by_text.get(text)
            used[text] = seq if seq is not None else -1
            if seq is None:
                new.append(text)
        return text

    entries: list[dict[str, Any]] = []
    for value in values:
        if isinstance(value, list) and len(value) > CHUNK:
            runs = [dumps(value[i : i + CHUNK]) for i in range(0, len(value), CHUNK)]
            if sum(map(len, runs)) <= INLINE_MAX:
                entries.append({"v": orjson.Fragment("[" + ",".join(r[1:-1] for r in runs) + "]")})
                continue
            entry: dict[str, Any] = {}
            if len(value) % CHUNK and len(runs[-1]) <= INLINE_MAX:
                # The last, partial run stays in the state: a list appended to at every
                # step then writes a piece once per CHUNK items, not at every step.
                entry["t"] = orjson.Fragment(runs.pop())
            entry["c"] = [piece(run) for run in runs]
            entries.append(entry)
            continue
        text = dumps(value)
        if len(text) > INLINE_MAX:
            entries.append({"b": piece(text)})
        else:
            entries.append({"v": orjson.Fragment(text)})
    freed = [seq for text, seq in stored.by_text.items() if text not in used]
    inserts: dict[int, str] = {}
    updates: dict[int, str] = {}
    next_seq = stored.next_seq
    for text in new:
        if freed:
            used[text] = seq = freed.pop()
            updates[seq] = text
        else:
            used[text], next_seq = next_seq, next_seq + 1
            inserts[used[text]] = text
    for entry in entries:  # texts stood for their pieces until every number was known
        if "b" in entry:
            entry["b"] = used[entry["b"]]
        elif "c" in entry:
            entry["c"] = [used[text] for text in entry["c"]]
    return Encoded(entries, PieceIndex(used, next_seq), inserts, updates, freed)


def needs_pieces(entries: list[JSONDict]) -> bool:
    return any("v" not in entry for entry in entries)


def decode(entries: list[JSONDict], pieces: dict[int, str]) -> list[Any]:
    """The values of a stored table, given the instance's pieces."""
    values: list[Any] = []
    for entry in entries:
        if "v" in entry:
            values.append(entry["v"])
        elif "b" in entry:
            values.append(orjson.loads(pieces[entry["b"]]))
        else:
            runs = (orjson.loads(pieces[s]) for s in entry["c"])
            values.append([*chain.from_iterable(runs), *entry.get("t", ())])
    return values
