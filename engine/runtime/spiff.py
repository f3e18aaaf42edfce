"""Everything the product takes from SpiffWorkflow, in one module.

SpiffWorkflow is pinned to the 3.x line (requirements.txt). Its classes are imported here
and only here (tests/engine/test_spiff.py fails on an import of SpiffWorkflow anywhere
else), and each use of its private API — a task's `_parent` and `_children`, `_set_state`,
a spec's `_update`, the steps that fire a waiting event — is one function below, so an
upgrade of the library has one place to look. `runner._Engine.one_pass` mirrors
`BpmnWorkflow._do_engine_steps` (3.x) with the engine's own filter; compare it on upgrade.
"""

from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.parser.ProcessParser import AdHocParser
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import (
    BasePythonScriptEngineEnvironment,
)
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnWorkflowConverter,
    TaskConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.specs.control import (
    BoundaryEventJoin,
    BoundaryEventSplit,
    BpmnStartTask,
    EventSplit,
    StartEventSplit,
)
from SpiffWorkflow.bpmn.specs.event_definitions import timer as timer_module
from SpiffWorkflow.bpmn.specs.event_definitions.item_aware_event import SignalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent, ThrowingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import (
    BoundaryEvent,
    EventBasedGateway,
)
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import (
    LoopTask,
    MultiInstanceTask,
    SequentialMultiInstanceTask,
    StandardLoopTask,
)
from SpiffWorkflow.bpmn.specs.mixins.script_task import ScriptTask
from SpiffWorkflow.bpmn.specs.mixins.service_task import ServiceTask
from SpiffWorkflow.bpmn.util.diff import SpecDiff, migrate_workflow
from SpiffWorkflow.dmn.engine.DMNEngine import DMNEngine
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS as DMN_SCHEMAS
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser, SpiffProcessParser
from SpiffWorkflow.spiff.parser.task_spec import BusinessRuleTaskParser as SpiffDecisionTaskParser
from SpiffWorkflow.spiff.parser.task_spec import CallActivityParser as SpiffCallActivityParser
from SpiffWorkflow.spiff.parser.task_spec import SpiffTaskParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.specs.defaults import CallActivity as SpiffCallActivity
from SpiffWorkflow.spiff.specs.defaults import ServiceTask as SpiffServiceTask
from SpiffWorkflow.spiff.specs.event_definitions import ErrorEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState
from SpiffWorkflow.version import __version__ as VERSION

# The line the engine is written for; an upgrade past it starts here.
SUPPORTED_MAJOR = 3

__all__ = [
    "DMN_SCHEMAS",
    "SPIFF_CONFIG",
    "SUPPORTED_MAJOR",
    "VALIDATOR",
    "VERSION",
    "AdHocParser",
    "BasePythonScriptEngineEnvironment",
    "BoundaryEventJoin",
    "BoundaryEventSplit",
    "BpmnEvent",
    "BpmnStartTask",
    "BpmnWorkflow",
    "BpmnWorkflowConverter",
    "BpmnWorkflowSerializer",
    "CatchingEvent",
    "BoundaryEvent",
    "CycleTimerEventDefinition",
    "DMNEngine",
    "DurationTimerEventDefinition",
    "ErrorEventDefinition",
    "EventBasedGateway",
    "EventSplit",
    "LoopTask",
    "MessageEventDefinition",
    "MultiInstanceTask",
    "MultipleEventDefinition",
    "PythonScriptEngine",
    "ScriptTask",
    "SequentialMultiInstanceTask",
    "ServiceTask",
    "SignalEventDefinition",
    "SpecDiff",
    "SpiffBpmnParser",
    "SpiffCallActivity",
    "SpiffCallActivityParser",
    "SpiffProcessParser",
    "SpiffServiceTask",
    "SpiffDecisionTaskParser",
    "SpiffTaskParser",
    "StandardLoopTask",
    "StartEvent",
    "StartEventSplit",
    "Task",
    "TaskConverter",
    "TaskState",
    "ThrowingEvent",
    "TimerEventDefinition",
    "ValidationException",
    "WorkflowConverter",
    "WorkflowTaskException",
    "migrate_workflow",
    "timer_module",
]


# --- The private API, one function per use ---------------------------------------------


def parent_id(task: Task) -> UUID | None:
    """The id of the task's parent in its tree (`Task._parent`)."""
    return task._parent


def child_ids(task: Task) -> list[UUID]:
    """The ids of the task's children, in order (`Task._children`)."""
    return task._children


def hang_under(task: Task, parent: Task) -> None:
    """Make `task` the only child of `parent` (pruning re-hangs a subtree under the root)."""
    task._parent = parent.id
    parent._children = [task.id]


def drop_child(task: Task, child_id: UUID) -> None:
    """Take one child out of the task's list of children (not out of the workflow)."""
    task._children.remove(child_id)


def set_state(task: Task, state: int) -> None:
    """Put the task in `state` without running anything (`Task._set_state`)."""
    task._set_state(state)


def update(task: Task) -> None:
    """Let the task's spec update it, as SpiffWorkflow does when a predecessor completes
    (`TaskSpec._update`): re-evaluates what it waits for and makes it READY if it can."""
    task.task_spec._update(task)


def fire_waiting_event(task: Task) -> None:
    """Let a WAITING catching event fire now, as if its event had arrived (a timer start
    event whose timer row already fired). A cycle timer predicts no successors (it repeats
    itself): they are created here so the instance goes on once."""
    task.internal_data.pop("event_value", None)
    task._set_internal_data(event_fired=True)
    predict_outputs(task)
    task._ready()


def predict_outputs(task: Task) -> None:
    """Give a cycle timer's task the successors SpiffWorkflow does not predict for it
    (`Task._add_child`, `TaskSpec._predict`), so that it goes on once when it fires as a
    one-time timer."""
    if task.children:
        return
    for output in task.task_spec.outputs:  # as a cycle timer's update does, but once
        child = task._add_child(output, TaskState.FUTURE)
        child.task_spec._predict(child, mask=TaskState.NOT_FINISHED_MASK)


def graft(parent: Task, spec: Any, data: dict[str, Any]) -> Task:
    """A new task for `spec` under the finished task `parent`, with `data`, its future
    predicted and made READY (or WAITING) as its spec decides — what `Task.reset_branch`
    does for a task already in the tree (`Task._add_child`, `TaskSpec._predict`, `_update`)."""
    task = parent._add_child(spec, TaskState.FUTURE)
    task.data = dict(data)
    spec._predict(task, mask=TaskState.PREDICTED_MASK | TaskState.FUTURE)
    spec._update(task)
    if not task.has_state(TaskState.FINISHED_MASK):
        task.data = dict(data)  # the spec's update merged the parent's older data in
    return task


def compare_specs(diff: SpecDiff, old: Any, new: Any) -> list[str]:
    """The attributes in which two task specs differ, as the diff compares an aligned pair
    (`SpecDiff._compare_task_specs`): used when a mapping aligns a pair itself."""
    return diff._compare_task_specs(old, new)
