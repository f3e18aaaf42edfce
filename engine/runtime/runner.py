"""Create, load and advance a SpiffWorkflow workflow; report what happened in a StepOutcome."""

from dataclasses import dataclass, field

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from .script_engine import SCRIPT_ENGINE
from .specs import specs_for
from .state import load_state


@dataclass
class Failure:
    element_id: str
    spiff_task_id: object
    message: str


@dataclass
class StepOutcome:
    # Automatic tasks the engine ran in this step, in order: (spiff task, bpmn element id).
    ran: list = field(default_factory=list)
    failure: Failure | None = None


def new_workflow(definition, variables: dict) -> BpmnWorkflow:
    spec, subprocess_specs = specs_for(definition)
    workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=SCRIPT_ENGINE)
    start = workflow.get_next_task(state=TaskState.READY)
    if start is not None and variables:
        start.data.update(variables)
    return workflow


def load_workflow(instance) -> BpmnWorkflow:
    spec, subprocess_specs = specs_for(instance.definition)
    workflow = load_state(instance.state, spec, subprocess_specs)
    workflow.script_engine = SCRIPT_ENGINE
    return workflow


def describe(exc: Exception) -> str:
    text = str(exc.args[0]) if exc.args else exc.__class__.__name__
    notes = getattr(exc, "__notes__", None) or []
    line = getattr(exc, "line_number", None)
    if line:
        text = f"{text} (line {line})"
    if notes:
        text = f"{text}. {' '.join(notes)}"
    return text


def run_engine(workflow: BpmnWorkflow, outcome: StepOutcome | None = None) -> StepOutcome:
    """Run automatic tasks until every branch waits; a failure is reported, not raised."""
    outcome = outcome or StepOutcome()

    def did_complete(task):
        outcome.ran.append(task)

    try:
        workflow.do_engine_steps(did_complete_task=did_complete)
    except WorkflowTaskException as exc:
        task = exc.task
        outcome.failure = Failure(
            task.task_spec.bpmn_id or task.task_spec.name, task.id, describe(exc)
        )
    except (SpiffWorkflowException, Exception) as exc:  # noqa: BLE001 - any failure is an incident
        errored = workflow.get_next_task(state=TaskState.ERROR)
        if errored is None:
            errored = workflow.get_next_task(state=TaskState.READY, manual=False)
        element = errored.task_spec.bpmn_id if errored is not None else ""
        outcome.failure = Failure(element or "", errored.id if errored else None, describe(exc))
    return outcome


def run_task(workflow: BpmnWorkflow, task, data: dict | None = None) -> StepOutcome:
    """Complete a READY (user) task with `data`, then advance the engine."""
    outcome = StepOutcome()
    if data:
        task.set_data(**data)
    try:
        task.run()
    except Exception as exc:  # noqa: BLE001 - a failing post-script becomes an incident
        outcome.failure = Failure(task.task_spec.bpmn_id or "", task.id, describe(exc))
        return outcome
    return run_engine(workflow, outcome)
