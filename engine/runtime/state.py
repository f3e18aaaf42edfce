"""Engine state that follows the live work, not the history (DESIGN.md invariant 2).

SpiffWorkflow keeps every completed task in its tree, serializes the process spec with each
workflow and each task's copy of the data, so as shipped a step costs more the longer an
instance has run and the more data it carries. Here:

- the spec is never stored with an instance: it comes from the definition version (and is
  cached per process, see specs.py);
- finished history is cut out of the tree before each save (prune.py);
- task data is stored once per value, not once per task (values.py), written by orjson in
  one pass; large values are pieces of their own, rewritten only when they change
  (pieces.py); the process variables (the data of the task that changed last) are rows of
  the same table, so reading them never loads the engine.

A state is JSON: {"format": 2, "typed": bool, "values": [entries, see pieces.py],
"variables": {name: row}, "workflow": SpiffWorkflow's dict with each task's data as
{name: row}}. States written in SpiffWorkflow's own format (no "format" key) still load.
"""

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson
from django.core.serializers.json import DjangoJSONEncoder

from engine.types import JSONDict

from . import remaining, spiff
from .pieces import PieceIndex, decode, encode, needs_pieces
from .prune import prune
from .spiff import (
    SPIFF_CONFIG,
    BpmnWorkflow,
    BpmnWorkflowConverter,
    BpmnWorkflowSerializer,
    Task,
    TaskConverter,
    WorkflowConverter,
)
from .values import ValueReader, ValueTable

# Reads an instance's stored pieces when a state needs them: {seq: text}.
LoadPieces = Callable[[], dict[int, str]]

FORMAT = 2
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME

_local = threading.local()
# The pieces an instance has stored (pieces.py), kept on its workflow object.
_PIECES = "hypercrm_pieces"


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Serializes a workflow without its spec; restores it with the spec given by the caller."""

    def to_dict(self, workflow: BpmnWorkflow) -> JSONDict:
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct: JSONDict) -> BpmnWorkflow:
        spec, subprocess_specs = _local.specs
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class TableTaskConverter(TaskConverter):
    """A task whose data are rows of the state's value table (see values.py).

    Internal data is left as it is: orjson writes it, and only the types JSON cannot hold
    go through the registry (`_default`)."""

    def to_dict(self, task: Task) -> JSONDict:
        table = getattr(_local, "table", None)
        if table is None:  # SpiffWorkflow's own format
            return super().to_dict(task)
        return {
            "id": str(task.id),
            "parent": str(parent) if (parent := spiff.parent_id(task)) is not None else None,
            "children": [str(child) for child in spiff.child_ids(task)],
            "last_state_change": task.last_state_change,
            "state": task.state,
            "task_spec": task.task_spec.name,
            "triggered": task.triggered,
            "internal_data": remaining.compact(task),
            "rows": table.rows(task.data),
        }

    def from_dict(self, dct: JSONDict, workflow: BpmnWorkflow) -> Task:
        rows = dct.pop("rows", None)
        if rows is None:
            return super().from_dict(dct, workflow)
        dct["internal_data"] = remaining.expand(dct["internal_data"])
        dct["data"], dct["delta"] = {}, None
        task = super().from_dict(dct, workflow)
        task.data = _local.reader.data(rows)
        return task


def _registry() -> Any:
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = SpeclessWorkflowConverter
    config[Task] = TableTaskConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda v: Decimal(v["value"]))
    registry.register(
        date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"])
    )
    # datetime is a subclass of date: keep its own (time-keeping) converter.
    registry.register(
        datetime,
        lambda v: {"value": v.isoformat()},
        lambda v: datetime.fromisoformat(v["value"]),
    )
    return registry


SERIALIZER = BpmnWorkflowSerializer(_registry())
REGISTRY = SERIALIZER.registry


class _Encoder:
    """orjson's fallback for types JSON cannot hold; remembers whether it was needed."""

    def __init__(self) -> None:
        self.typed = False

    def __call__(self, value: Any) -> Any:
        converted = REGISTRY.convert(value)
        if type(converted) is type(value):  # no converter for it (a set comes back a set)
            raise TypeError(f"A {type(value).__name__} value cannot be stored in process data.")
        self.typed = True
        return converted

    def dumps(self, value: Any) -> str:
        try:
            return orjson.dumps(value, default=self, option=_OPTIONS).decode()
        except orjson.JSONEncodeError as error:
            cause = error.__cause__
            if isinstance(cause, TypeError) and "cannot be stored" in str(cause):
                raise cause from None
            # What orjson refuses but JSON can say (keys that are not text, integers beyond
            # 64 bits, …).
            return json.dumps(value, default=self)


@dataclass
class SavedState:
    text: str
    inserts: dict[int, str]  # pieces to write (pieces.py)
    updates: dict[int, str]  # pieces whose row gets new text
    deletes: list[int]  # pieces to delete


def dump_state(workflow: BpmnWorkflow, current_data: JSONDict | None = None) -> SavedState:
    """The workflow's state; `current_data` (a task's data) is stored as its variables.

    The pieces the instance has stored are kept with the workflow, so that only what
    changed is written; the caller writes `inserts` and `deletes` in the same transaction."""
    prune(workflow)
    table = ValueTable()
    _local.table = table
    try:
        dct = SERIALIZER.to_dict(workflow)
    finally:
        _local.table = None
    variables = table.rows(current_data) if current_data is not None else {}
    encoder = _Encoder()
    encoded = encode(table.values, encoder.dumps, getattr(workflow, _PIECES, None) or PieceIndex())
    text = encoder.dumps(
        {"format": FORMAT, "values": encoded.entries, "variables": variables, "workflow": dct}
    )
    if encoder.typed:
        # Known only once written: prefixed, so a plain state is never walked on load.
        text = '{"typed":true,' + text[1:]
    setattr(workflow, _PIECES, encoded.index)
    return SavedState(text, encoded.inserts, encoded.updates, encoded.deletes)


def has_pieces(workflow: BpmnWorkflow) -> bool:
    """Has this workflow's instance large values stored apart?"""
    index = getattr(workflow, _PIECES, None)
    return bool(index and index.by_text)


def _parse(state: str) -> JSONDict:
    return orjson.loads(state) if state else {}


def load_state(
    state: str,
    spec: Any,
    subprocess_specs: dict[str, Any],
    load_pieces: LoadPieces = dict,
) -> BpmnWorkflow:
    """A workflow from its state; `load_pieces()` gives the instance's stored pieces."""
    dct = _parse(state)
    _local.specs = (spec, subprocess_specs)
    try:
        if dct.get("format") != FORMAT:
            SERIALIZER.migrate(dct)
            return SERIALIZER.from_dict(dct)
        pieces = load_pieces() if needs_pieces(dct["values"]) else {}
        values = decode(dct["values"], pieces)
        _local.reader = ValueReader(values, REGISTRY.restore if dct.get("typed") else None)
        try:
            workflow = SERIALIZER.from_dict(dct["workflow"])
        finally:
            _local.reader = None
        setattr(workflow, _PIECES, PieceIndex.of(pieces))
        return workflow
    finally:
        _local.specs = None


def _plain(dct: JSONDict, rows: dict[str, int], load_pieces: LoadPieces) -> JSONDict:
    """Values as a JSON column holds them (Decimal and dates as text), without the engine."""
    entries = dct["values"]
    wanted = [entries[index] for index in rows.values()]
    pieces = load_pieces() if needs_pieces(wanted) else {}
    data = dict(zip(rows, decode(wanted, pieces), strict=True))
    if not dct.get("typed"):
        return data
    return json.loads(json.dumps(REGISTRY.restore(data), cls=DjangoJSONEncoder))


def state_variables(state: str, load_pieces: LoadPieces = dict) -> JSONDict | None:
    """The process variables stored in a state; None for a state of the older format."""
    dct = _parse(state)
    if dct.get("format") != FORMAT:
        return None
    return _plain(dct, dct["variables"], load_pieces)


def variable_pieces(state: str) -> list[int]:
    """The numbers of the stored pieces the state's process variables are made of."""
    dct = _parse(state)
    if dct.get("format") != FORMAT:
        return []
    entries = dct["values"]
    seqs = []
    for index in dct["variables"].values():
        entry = entries[index]
        if "b" in entry:
            seqs.append(entry["b"])
        seqs.extend(entry.get("c", ()))
    return seqs


def state_task_data(state: str, task_id: UUID, load_pieces: LoadPieces = dict) -> JSONDict | None:
    """The data of one task of a state (searched in sub-processes too), {} if it is not
    there; None for a state of the older format."""
    dct = _parse(state)
    if dct.get("format") != FORMAT:
        return None
    key = str(task_id)
    workflows = [dct["workflow"], *dct["workflow"].get("subprocesses", {}).values()]
    for workflow in workflows:
        task = workflow["tasks"].get(key)
        if task is not None:
            return _plain(dct, task["rows"], load_pieces)
    return {}


def task_data(instance: Any, task_id: UUID) -> JSONDict:
    """An open task's data, JSON-ready; loads the engine only for a state of the older format.

    `instance` is a ProcessInstance (typed Any: engine.models imports this module)."""
    state = instance.stored_state()
    if not state:
        return {}
    found = state_task_data(state, task_id, instance.stored_pieces)
    if found is None:
        from .specs import specs_for

        spec, subprocess_specs = specs_for(instance.definition)
        task = load_state(state, spec, subprocess_specs).get_task_from_id(task_id)
        found = {} if task is None else json.loads(json.dumps(task.data, cls=DjangoJSONEncoder))
    return found
