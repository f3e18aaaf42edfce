"""Moving a running workflow's tokens by hand: cancel the work at an element, start before
or after an element of the instance's own process.

SpiffWorkflow's own facilities do it: a task is cancelled with `Task.cancel` (with the
boundary events waiting around it); starting before an element the instance has passed and
whose task is still in the tree rewinds there with `BpmnWorkflow.reset_from_task_id`, which
drops the work that followed it; any other start grafts a new task for the element under the
finished task the moved work hung from (`spiff.graft`), its future predicted as the library
predicts it. Starting after an element starts before what follows it. The started tasks carry
the instance's current data with the instruction's variables set.

Everything is checked before anything changes (`Impossible` names the element and why);
the caller applies the instructions to a copy of the state and drops it on any refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.types import JSONDict

from . import spiff
from .spiff import (
    BoundaryEventJoin,
    BoundaryEventSplit,
    BpmnWorkflow,
    StartEvent,
    Task,
    TaskState,
)

CANCEL = "cancel"
START_BEFORE = "start_before"
START_AFTER = "start_after"
KINDS = (CANCEL, START_BEFORE, START_AFTER)

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR

# Why an instruction cannot be carried out (services word them for people).
NOT_ACTIVE = "not_active"
IN_OTHER_PROCESS = "in_other_process"
UNKNOWN = "unknown"
START_EVENT = "start_event"
CHOICE = "choice"
NOTHING_LEFT = "nothing_left"
NOWHERE = "nowhere"

CHOOSING_GATEWAYS = ("ExclusiveGateway", "InclusiveGateway", "EventBasedGateway")


@dataclass(frozen=True)
class Instruction:
    kind: str
    element_id: str
    variables: JSONDict = field(default_factory=dict)


class Impossible(Exception):
    """An instruction that cannot be carried out: the element and the reason."""

    def __init__(self, element_id: str, reason: str, index: int | None = None) -> None:
        super().__init__(f"{element_id}: {reason}")
        self.element_id = element_id
        self.reason = reason
        self.index = index


@dataclass
class Modification:
    """What was done: the element ids cancelled and started (for the history)."""

    cancelled: list[str] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    rewound: list[str] = field(default_factory=list)


def elements(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The elements of the workflow's own process: BPMN id → task spec."""
    return {spec.bpmn_id: spec for spec in workflow.spec.task_specs.values() if spec.bpmn_id}


def elements_elsewhere(workflow: BpmnWorkflow) -> dict[str, str]:
    """Elements of the processes it calls: BPMN id → the called process's name."""
    found: dict[str, str] = {}
    for process in workflow.subprocess_specs.values():
        for spec in process.task_specs.values():
            if spec.bpmn_id:
                found.setdefault(spec.bpmn_id, process.description or process.name)
    return found


def _active(workflow: BpmnWorkflow) -> list[Task]:
    return [
        task
        for task in workflow.get_tasks(state=ACTIVE, skip_subprocesses=True)
        if task.task_spec.bpmn_id
    ]


def _work_at(workflow: BpmnWorkflow, element_id: str) -> list[Task]:
    """The tasks to cancel for the work at `element_id`: the active tasks of the element and,
    for one with boundary events, the split that waits for them (cancelling it cancels all)."""
    found = []
    for task in _active(workflow):
        if task.task_spec.bpmn_id != element_id:
            continue
        parent = task.parent
        if parent is not None and isinstance(parent.task_spec, BoundaryEventSplit):
            found.append(parent)
        else:
            found.append(task)
    return found


def _entry(spec: Any) -> Any:
    """The spec to start at for `spec`: a task with boundary events begins at their split."""
    for before in spec.inputs:
        if isinstance(before, BoundaryEventSplit):
            return before
    return spec


def _next(spec: Any) -> list[Any]:
    """What follows `spec`: past the join of its boundary events, if it has any."""
    following: list[Any] = []
    for after in spec.outputs:
        following += after.outputs if isinstance(after, BoundaryEventJoin) else [after]
    # An end event leads to the library's own end of the process, not to an element.
    return [after for after in following if after.bpmn_id]


def check(workflow: BpmnWorkflow, instructions: list[Instruction]) -> None:
    """Raise Impossible for the first instruction that cannot be carried out."""
    own, elsewhere = elements(workflow), elements_elsewhere(workflow)
    for index, instruction in enumerate(instructions):
        element = instruction.element_id
        if element not in own:
            reason = IN_OTHER_PROCESS if element in elsewhere else UNKNOWN
            raise Impossible(element, reason, index)
        spec = own[element]
        if instruction.kind == CANCEL and not _work_at(workflow, element):
            raise Impossible(element, NOT_ACTIVE, index)
        if instruction.kind == START_BEFORE and isinstance(spec, StartEvent):
            raise Impossible(element, START_EVENT, index)
        if instruction.kind == START_AFTER:
            if type(spec).__name__ in CHOOSING_GATEWAYS and len(spec.outputs) > 1:
                raise Impossible(element, CHOICE, index)
            if not _next(spec):
                raise Impossible(element, NOWHERE, index)


def _anchor(workflow: BpmnWorkflow, moved: list[Task]) -> Task:
    """The finished task new work hangs from: where the moved (or else the first active)
    work hung, or the tree's root."""
    for task in [*moved, *_active(workflow)]:
        parent = task.parent
        while parent is not None and not parent.has_state(TaskState.FINISHED_MASK):
            parent = parent.parent
        if parent is not None:
            return parent
    return workflow.task_tree


def _current_data(workflow: BpmnWorkflow, moved: list[Task]) -> JSONDict:
    for task in [*moved, *_active(workflow)]:
        return dict(task.data)
    return dict(workflow.data)


def _passed(workflow: BpmnWorkflow, spec: Any) -> Task | None:
    """The latest finished task of `spec` still in the tree (pruning cuts older history)."""
    done = [
        task
        for task in workflow.get_tasks(state=TaskState.COMPLETED, skip_subprocesses=True)
        if task.task_spec is spec
    ]
    return max(done, key=lambda task: task.last_state_change) if done else None


def modify(workflow: BpmnWorkflow, instructions: list[Instruction]) -> Modification:
    """Carry out the instructions on `workflow` in place: the cancellations first, then the
    starts in their order. Raises Impossible before changing anything when one cannot be
    carried out, and (having changed it: drop the copy) when no work would be left."""
    check(workflow, instructions)
    own = elements(workflow)
    done = Modification()
    moved = [
        task
        for instruction in instructions
        if instruction.kind == CANCEL
        for task in _work_at(workflow, instruction.element_id)
    ]
    anchor = _anchor(workflow, moved)
    data = _current_data(workflow, moved)
    for instruction in instructions:
        if instruction.kind == CANCEL:
            for task in _work_at(workflow, instruction.element_id):
                task.cancel()
            done.cancelled.append(instruction.element_id)
    for instruction in instructions:
        if instruction.kind == CANCEL:
            continue
        spec = own[instruction.element_id]
        values = {**data, **instruction.variables}
        targets = [spec] if instruction.kind == START_BEFORE else _next(spec)
        for target in targets:
            entry = _entry(target)
            passed = _passed(workflow, entry) if instruction.kind == START_BEFORE else None
            if passed is not None and passed is not workflow.task_tree:
                workflow.reset_from_task_id(passed.id, data=values)
                done.rewound.append(instruction.element_id)
            else:
                spiff.graft(anchor, entry, values)
        done.started.append(instruction.element_id)
    if not _active(workflow):  # with nothing unfinished the library calls it completed
        first = instructions[0].element_id if instructions else ""
        raise Impossible(first, NOTHING_LEFT)
    return done
