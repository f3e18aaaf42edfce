"""Create, load and advance a SpiffWorkflow workflow; report what happened in a StepOutcome.

`run_engine` replaces SpiffWorkflow's `do_engine_steps` so that the engine decides what runs
now and what waits for a worker: in a request (`inline=False`) service tasks and elements
marked async stop the step and are left READY for the worker, which then runs them with
retries (`inline=True`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from engine.types import Elements, JSONDict

from . import hot, spiff
from .blame import expression_failure, failing_task, mark_failed
from .correlation import correlation_expression, correlation_key
from .external import is_external
from .failures import ServiceFailurePolicy, describe, translations_of
from .script_engine import SCRIPT_ENGINE
from .specs import specs_for
from .spiff import (
    BpmnStartTask,
    BpmnWorkflow,
    MessageEventDefinition,
    ServiceTask,
    StartEventSplit,
    Task,
    TaskState,
    ThrowingEvent,
)
from .state import load_state

if TYPE_CHECKING:
    from engine.models import ProcessDefinition, ProcessInstance

RETRY_AT = "retry_at"


@dataclass
class Failure:
    element_id: str
    spiff_task_id: UUID | None
    message: str
    # The message in each language, when its connector said it in them.
    translations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Retry:
    """A service-task attempt that failed and will be tried again."""

    task: Task
    message: str
    attempt: int


@dataclass(frozen=True)
class Caught:
    """A failure turned into a BPMN error that a boundary event caught."""

    task: Task
    code: str
    message: str = ""
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class StepOutcome:
    # Automatic tasks the engine ran in this step, in order.
    ran: list[Task] = field(default_factory=list)
    failure: Failure | None = None
    retries: list[Retry] = field(default_factory=list)
    caught: list[Caught] = field(default_factory=list)
    # READY automatic tasks left for a worker.
    deferred: bool = False


def new_workflow(definition: "ProcessDefinition", variables: JSONDict) -> BpmnWorkflow:
    spec, subprocess_specs = specs_for(definition)
    workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=SCRIPT_ENGINE)
    start = workflow.get_next_task(state=TaskState.READY)
    if start is not None and variables:
        start.data.update(variables)
    return workflow


def start_at(workflow: BpmnWorkflow, chosen: Callable[[Any], bool]) -> None:
    """Begin at the start event `chosen(spec)` picks (the one whose message or timer started
    the instance). SpiffWorkflow lets the first start event to finish win, and a none start
    finishes at once: the other start events are cancelled, so it cannot take over."""
    while ready := [
        t
        for t in workflow.get_tasks(state=TaskState.READY)
        if isinstance(t.task_spec, BpmnStartTask | StartEventSplit)
    ]:
        for task in ready:
            task.run()
    splits = workflow.get_tasks(state=TaskState.COMPLETED, spec_class=StartEventSplit)
    for split in splits:
        if split.workflow is not workflow:
            continue
        if not any(chosen(task.task_spec) for task in split.children):
            continue
        for task in split.children:
            if not chosen(task.task_spec) and not task.has_state(TaskState.FINISHED_MASK):
                task.cancel()


def load_workflow(instance: "ProcessInstance") -> BpmnWorkflow:
    """The instance's workflow: the one its last step kept in memory, else from its state."""
    workflow = hot.take(instance.pk, instance.revision, instance.definition_id)
    if workflow is not None:
        return workflow
    spec, subprocess_specs = specs_for(instance.definition)
    workflow = load_state(instance.stored_state(), spec, subprocess_specs, instance.stored_pieces)
    workflow.script_engine = SCRIPT_ENGINE
    workflow.instance_id = instance.pk  # for connectors (engine.connectors.calling_instance_id)
    return workflow


def is_async(task: Task, elements: Elements) -> bool:
    """Does this automatic task run in a worker rather than in the request?"""
    spec = task.task_spec
    if isinstance(spec, ServiceTask):
        return True
    if elements.get(spec.bpmn_id or "", {}).get("async_before"):
        return True
    parent = task.parent
    return bool(
        parent is not None
        and parent.task_spec.bpmn_id
        and elements.get(parent.task_spec.bpmn_id, {}).get("async_after")
        and not task.internal_data.get("async_released")
    )


def _waiting_for_retry(task: Task, now: datetime) -> bool:
    retry_at = task.internal_data.get(RETRY_AT)
    return bool(retry_at) and datetime.fromisoformat(retry_at) > now


class _Engine:
    def __init__(
        self, workflow: BpmnWorkflow, outcome: StepOutcome, elements: Elements, inline: bool
    ) -> None:
        self.workflow = workflow
        self.outcome = outcome
        self.elements = elements
        self.inline = inline
        self.policy = ServiceFailurePolicy(elements)
        self.now = datetime.now(UTC)

    def runnable(self, task: Task) -> bool:
        if task.task_spec.manual:
            return False
        if is_external(task, self.elements):
            return False  # it waits for an external worker (engine/services/external)
        if _waiting_for_retry(task, self.now):
            self.outcome.deferred = True
            return False
        if not self.inline and is_async(task, self.elements):
            self.outcome.deferred = True
            return False
        return True

    def run_one(self, task: Task) -> bool:
        """Run one task; False stops the step (a failure that becomes an incident)."""
        task.internal_data.pop(RETRY_AT, None)
        if (message := _throw_key_failure(task, self.elements)) is not None:
            mark_failed(task, updating=False)
            self.outcome.failure = Failure(task.task_spec.bpmn_id or "", task.id, message)
            return False
        try:
            task.run()
        except Exception as exc:  # noqa: BLE001 - every failure is handled below
            failed = failing_task(exc, task)
            if failed is not task:  # a task after this one failed as it was reached
                self.outcome.failure = _failure_of(failed, exc)
                return False
            verdict = self.policy.handle(task, exc, self.now)
            if verdict.retry_message:
                self.outcome.retries.append(Retry(task, verdict.retry_message, verdict.attempt))
                self.outcome.deferred = True
                return True
            if verdict.caught_code is not None:
                self.outcome.caught.append(
                    Caught(
                        task,
                        verdict.caught_code,
                        verdict.caught_message,
                        verdict.caught_translations,
                    )
                )
                return True
            spec = task.task_spec
            self.outcome.failure = Failure(
                spec.bpmn_id or spec.name, task.id, describe(exc), translations_of(exc)
            )
            return False
        self.outcome.ran.append(task)
        if self.inline:
            for child in task.children:
                child.internal_data["async_released"] = True
        return True

    def update(self, wf: BpmnWorkflow) -> int:
        count = 0
        for task in wf.get_tasks(state=TaskState.READY):
            if self.runnable(task):
                if not self.run_one(task):
                    return -1
                count += 1
        return count

    def one_pass(self) -> bool:
        """Mirror of SpiffWorkflow's _do_engine_steps with our filter; True if anything ran."""
        workflow = self.workflow
        active = workflow.get_active_subprocesses()
        for subprocess in sorted(active, key=lambda sp: sp.depth, reverse=True):
            while (count := self.update(subprocess)) > 0:
                pass
            if count < 0:
                return False
            if subprocess.parent_task_id is not None:
                task = workflow.get_task_from_id(subprocess.parent_task_id)
                spiff.update(task)
        count = self.update(workflow)
        if count < 0:
            return False
        return count > 0 or len(workflow.get_active_subprocesses()) > len(active)

    def run(self) -> StepOutcome:
        while self.outcome.failure is None:
            try:
                self.workflow.refresh_timers()
            except Exception as exc:  # noqa: BLE001 - a bad timer expression is an incident
                errored = failing_task(exc, self.workflow.get_next_task(state=TaskState.ERROR))
                if errored is not None:
                    self.outcome.failure = _failure_of(errored, exc)
                else:
                    self.outcome.failure = Failure("", None, describe(exc))
                break
            if not self.one_pass():
                break
        return self.outcome


def _failure_of(task: Task, exc: Exception) -> Failure:
    """A failure of a task reached by another's completion: it waits in ERROR for a retry."""
    if not task.has_state(TaskState.FINISHED_MASK):
        mark_failed(task, updating=True)
    return Failure(
        task.task_spec.bpmn_id or task.task_spec.name, task.id, describe(exc), translations_of(exc)
    )


def _throw_key_failure(task: Task, elements: Elements) -> str | None:
    """Why a message thrower's correlation key cannot be evaluated, before it throws."""
    definition = getattr(task.task_spec, "event_definition", None)
    if not isinstance(definition, MessageEventDefinition) or task.task_spec.manual:
        return None
    if not isinstance(task.task_spec, ThrowingEvent):
        return None
    expression = correlation_expression(task, elements)
    if not expression:
        return None
    try:
        correlation_key(task, elements, "")
    except Exception as exc:  # noqa: BLE001 - any failure of the expression is an incident
        return expression_failure("correlation key", expression, exc)
    return None


def run_engine(
    workflow: BpmnWorkflow,
    outcome: StepOutcome | None = None,
    *,
    elements: Elements | None = None,
    inline: bool = False,
) -> StepOutcome:
    """Run automatic tasks until every branch waits; failures are reported, not raised."""
    outcome = outcome or StepOutcome()
    return _Engine(workflow, outcome, elements or {}, inline).run()


def run_task(
    workflow: BpmnWorkflow,
    task: Task,
    data: JSONDict | None = None,
    *,
    elements: Elements | None = None,
    external: bool = False,
) -> StepOutcome:
    """Complete a READY (user) task with `data`, then advance the engine.

    `external`: the task is a service task an external worker did; it is completed as it
    stands (its connector is the worker), and counted as run."""
    outcome = StepOutcome()
    if data:
        task.set_data(**data)
    try:
        if external:
            task.complete()
            outcome.ran.append(task)
        else:
            task.run()
    except Exception as exc:  # noqa: BLE001 - a failing post-script becomes an incident
        failed = failing_task(exc, task)
        if failed is task:
            outcome.failure = Failure(task.task_spec.bpmn_id or "", task.id, describe(exc))
        else:  # the task is done; the one after it failed as it was reached
            outcome.failure = _failure_of(failed, exc)
        return outcome
    return run_engine(workflow, outcome, elements=elements)
