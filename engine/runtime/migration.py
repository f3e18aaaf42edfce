"""Move a running workflow onto another version of its process, with SpiffWorkflow's own
spec diff (`SpecDiff`: task specs aligned by BPMN id) and migration (`migrate_workflow`:
tasks take the new specs, the waiting ones are reset and what follows them predicted again).

Around the library: elements are matched by id, and by the caller's explicit mapping for
renamed ones — the library's structural guesses are offered as suggestions, never applied;
an instance is refused (a `Blocker` naming the element) when it works at an element the new
version lacks, whose type changed, or a multi-instance whose shape changed; the data and
the timers of the waiting tasks are kept (the library's reset would start them afresh).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .spiff import (
    BpmnWorkflow,
    LoopTask,
    SpecDiff,
    Task,
    TaskState,
    compare_specs,
    migrate_workflow,
)
from .state import REGISTRY

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
RESET = TaskState.READY | TaskState.WAITING

# Why an instance cannot move (services word them for people).
REMOVED = "removed"
TYPE_CHANGED = "type_changed"
SHAPE_CHANGED = "multi_instance_changed"
SUBPROCESS_REMOVED = "subprocess_removed"
NOT_IN_TARGET = "not_in_target"

# What a multi-instance's items depend on: a change to one of these changes its shape.
SHAPE = {
    "typename",
    "cardinality",
    "data_input",
    "data_output",
    "input_item",
    "output_item",
    "condition",
    "maximum",
    "test_before",
}


@dataclass(frozen=True)
class Blocker:
    element_id: str
    element_name: str
    reason: str
    detail: str = ""


@dataclass
class _Alignment:
    """The task → new spec mapping `migrate_workflow` reads (its `WorkflowDiff` role)."""

    alignment: dict[Task, Any] = field(default_factory=dict)


def _name(spec: Any) -> str:
    return str(spec.bpmn_name or spec.bpmn_id or spec.name)


def spec_diff(old: Any, new: Any, mapping: dict[str, str]) -> tuple[Any, dict[str, str]]:
    """The library's diff of two process specs with the mapping applied; returns it and the
    structural guesses it made for renamed elements (old id → new id), which are undone."""
    diff = SpecDiff(REGISTRY, old, new)
    suggestions: dict[str, str] = {}
    for old_spec, new_spec in list(diff.alignment.items()):
        if old_spec is None:
            continue
        target = mapping.get(old_spec.name)
        if target is not None and target in new.task_specs:
            diff.alignment[old_spec] = new.task_specs[target]
            diff.comparisons[old_spec] = compare_specs(diff, old_spec, new.task_specs[target])
        elif new_spec is not None and new_spec.name != old_spec.name:
            if old_spec.bpmn_id and new_spec.bpmn_id:
                suggestions[old_spec.bpmn_id] = new_spec.bpmn_id
            diff.alignment[old_spec] = None
    return diff, suggestions


def _levels(workflow: BpmnWorkflow) -> list[Any]:
    return [workflow, *workflow.subprocesses.values()]


def _calling_task(workflow: BpmnWorkflow, level: Any) -> Task | None:
    return workflow.get_task_from_id(level.parent_task_id) if level is not workflow else None


def _check_level(level: Any, diff: Any) -> list[Blocker]:
    blockers = []
    for task in level.get_tasks(state=ACTIVE, skip_subprocesses=True):
        spec = task.task_spec
        if not spec.bpmn_id:
            continue
        new = diff.alignment.get(spec)
        if new is None:
            blockers.append(Blocker(spec.bpmn_id, _name(spec), REMOVED))
            continue
        changes = set(diff.comparisons.get(spec) or [])
        if "typename" in changes:
            blockers.append(Blocker(spec.bpmn_id, _name(spec), TYPE_CHANGED, type(new).__name__))
            continue
        loop = spec if isinstance(spec, LoopTask) else None
        if loop is None and task.parent is not None and isinstance(task.parent.task_spec, LoopTask):
            loop = task.parent.task_spec
        if loop is not None and (SHAPE & set(diff.comparisons.get(loop) or [])):
            blockers.append(Blocker(loop.bpmn_id or "", _name(loop), SHAPE_CHANGED))
    return blockers


def _migrate_level(level: Any, diff: Any, new_spec: Any) -> None:
    kept = {
        task.id: (task.data, task.internal_data, task.state)
        for task in level.get_tasks(state=RESET, skip_subprocesses=True)
    }
    aligned = _Alignment(
        {
            task: new
            for task in level.tasks.values()
            if (new := diff.alignment.get(task.task_spec)) is not None
        }
    )
    migrate_workflow(aligned, level, new_spec)
    for task_id, (data, internal, state) in kept.items():
        task = level.tasks.get(task_id)
        if task is None:
            continue
        task.data = data
        if task.state == state:
            task.internal_data = internal


def _strays(level: Any, spec: Any) -> list[Blocker]:
    """Tasks left on a spec of the old version (predicted after a running sub-process)."""
    blockers = []
    for task in level.tasks.values():
        if spec.task_specs.get(task.task_spec.name) is task.task_spec:
            continue
        owner = task
        while owner is not None and not owner.task_spec.bpmn_id:
            owner = owner.parent
        source = owner.task_spec if owner is not None else task.task_spec
        blockers.append(Blocker(source.bpmn_id or "", _name(source), NOT_IN_TARGET))
    return blockers


def migrate(
    workflow: BpmnWorkflow,
    new_spec: Any,
    new_subprocess_specs: dict[str, Any],
    mapping: dict[str, str],
) -> list[Blocker]:
    """Move `workflow` onto the new specs in place; what stops it, if anything (the
    workflow is then half moved: the caller drops it)."""
    blockers: list[Blocker] = []
    plans = []
    for level in _levels(workflow):
        target = new_spec if level is workflow else new_subprocess_specs.get(level.spec.name)
        if target is None:
            caller = _calling_task(workflow, level)
            spec = caller.task_spec if caller is not None else level.spec
            blockers.append(Blocker(spec.bpmn_id or "", _name(spec), SUBPROCESS_REMOVED))
            continue
        diff, _suggestions = spec_diff(level.spec, target, mapping)
        blockers += _check_level(level, diff)
        plans.append((level, diff, target))
    if blockers:
        return _unique(blockers)
    workflow.subprocess_specs = new_subprocess_specs
    for level, diff, target in plans:
        _migrate_level(level, diff, target)
    for level, _diff, target in plans:
        blockers += _strays(level, target)
    return _unique(blockers)


def suggestions(old: Any, new: Any) -> dict[str, str]:
    """The library's guesses for elements renamed between two versions (old id → new id)."""
    return spec_diff(old, new, {})[1]


def _unique(blockers: list[Blocker]) -> list[Blocker]:
    seen: dict[tuple[str, str], Blocker] = {}
    for blocker in blockers:
        seen.setdefault((blocker.element_id, blocker.reason), blocker)
    return list(seen.values())
