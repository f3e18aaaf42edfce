"""Engine state that follows the live work, not the history (DESIGN.md invariant 2).

SpiffWorkflow keeps every completed task in its tree and serializes the process spec with
each workflow, so as shipped a step costs more the longer an instance has run. Here:

- the spec is never stored with an instance: it comes from the definition version (and is
  cached per process, see specs.py);
- before each save the tree is cut to the lowest common ancestor of all unfinished tasks,
  which is re-hung under the root. Joins and boundary events only look at tasks below that
  ancestor, so nothing the engine still needs is lost; the history lives in InstanceEvent.
"""

import json
import threading
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import (
    SequentialMultiInstanceTask,
    StandardLoopTask,
)
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

DONE = TaskState.COMPLETED | TaskState.CANCELLED

_specs = threading.local()


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Serializes a workflow without its spec; restores it with the spec given by the caller."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct):
        spec, subprocess_specs = _specs.current
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


def _registry():
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = SpeclessWorkflowConverter
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


def dump_state(workflow: BpmnWorkflow) -> str:
    prune(workflow)
    return SERIALIZER.serialize_json(workflow)


def load_state(state: str, spec, subprocess_specs: dict) -> BpmnWorkflow:
    _specs.current = (spec, subprocess_specs)
    try:
        dct = json.loads(state)
        SERIALIZER.migrate(dct)
        return SERIALIZER.from_dict(dct)
    finally:
        _specs.current = None


def prune(workflow: BpmnWorkflow) -> int:
    """Cut finished history out of the task trees; return how many tasks were dropped."""
    dropped = _prune_tree(workflow)
    for subprocess in list(workflow.subprocesses.values()):
        dropped += _prune_tree(subprocess)
    # A sub-process whose calling task was cut is finished history too.
    while True:
        known = set(workflow.tasks)
        for subprocess in workflow.subprocesses.values():
            known.update(subprocess.tasks)
        orphans = [task_id for task_id in workflow.subprocesses if task_id not in known]
        if not orphans:
            return dropped
        for task_id in orphans:
            dropped += len(workflow.subprocesses.pop(task_id).tasks)


def _prune_merged_items(wf) -> int:
    """A sequential multi-instance or loop task keeps every finished item as a child; once
    merged into its output, only the last one is still read (by the completion condition).
    A loop counts its iterations by the `merged` list, so only a multi-instance task's list
    is shortened."""
    dropped = 0
    for task in list(wf.tasks.values()):
        spec = task.task_spec
        if not isinstance(spec, SequentialMultiInstanceTask | StandardLoopTask):
            continue
        merged = task.internal_data.get("merged") or []
        if len(merged) < 2:
            continue
        keep_last = merged[-1]
        done = set(merged[:-1])
        for child in list(task.children):
            if str(child.id) in done and child.has_state(DONE):
                for descendant in list(child):
                    wf.tasks.pop(descendant.id, None)
                    dropped += 1
                task._children.remove(child.id)
        if isinstance(spec, SequentialMultiInstanceTask):
            task.internal_data["merged"] = [keep_last]
    return dropped


def _prune_tree(wf) -> int:
    dropped = _prune_merged_items(wf)
    return dropped + _prune_ancestors(wf)


def _prune_ancestors(wf) -> int:
    root = wf.task_tree
    unfinished = [task for task in wf.tasks.values() if not task.has_state(DONE)]
    if not unfinished:
        return 0
    ancestor = _common_ancestor(wf, unfinished)
    if ancestor is None or ancestor is root or ancestor._parent == root.id:
        return 0
    keep = {task.id for task in ancestor}
    keep.add(root.id)
    ancestor._parent = root.id
    root._children = [ancestor.id]
    dropped = [task_id for task_id in wf.tasks if task_id not in keep]
    for task_id in dropped:
        del wf.tasks[task_id]
    if wf.last_task is not None and wf.last_task.id not in wf.tasks:
        wf.last_task = None
    return len(dropped)


def _common_ancestor(wf, tasks):
    tasks_by_id = wf.tasks

    def path(task):
        chain = []
        while task is not None:
            chain.append(task.id)
            task = tasks_by_id.get(task._parent) if task._parent is not None else None
        chain.reverse()
        return chain

    common = path(tasks[0])
    for task in tasks[1:]:
        other = path(task)
        size = 0
        for mine, theirs in zip(common, other, strict=False):
            if mine != theirs:
                break
            size += 1
        common = common[:size]
        if len(common) <= 1:
            break
    return tasks_by_id.get(common[-1]) if common else None
