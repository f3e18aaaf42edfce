"""A test run of a diagram that is not deployed: it runs in memory with sample data.

The process owner gives the case's starting variables, an answer for each user task and a
result for each service task; the run walks the diagram with the real script sandbox, the
real DMN tables and the real gateways, and reports the path it took and what each step
produced. No connector is called and nothing is stored: the run happens inside a
transaction that is always rolled back, so even a helper that wrote would leave no trace.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from engine.parsing.compile import load_parser
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.runtime.external import is_external
from engine.runtime.failures import describe
from engine.runtime.runner import Failure, StepOutcome, run_engine, run_task
from engine.runtime.script_engine import HyperScriptEngine
from engine.runtime.spiff import BpmnWorkflow, SpiffCallActivity, Task, TaskState
from engine.types import JSONDict
from forms.choices import narrow_choices, narrows_choices
from forms.task_data_options import fill_from_data, takes_choices_from_data
from forms.validation import validate_form_data

from .definitions import compile_upload
from .trial_events import TrialEvents

# A loop that never ends would never answer; a real case takes far fewer steps.
MAX_STEPS = 500
_SHOWN_CHARS = 400


class _SampleServices(HyperScriptEngine):
    """Scripts run in the sandbox as in a real case; a service task answers its sample."""

    def __init__(self, results: JSONDict) -> None:
        super().__init__()
        self.results = results

    def call_service(
        self, task: Any, operation_name: str, operation_params: JSONDict, **kwargs: Any
    ) -> str:
        result = self.results.get(task.task_spec.bpmn_id or "", {})
        return json.dumps(result, cls=DjangoJSONEncoder)


@dataclass
class TrialStep:
    element_id: str
    name: str
    kind: str
    # The variables this step set or changed (a script's, a DMN table's, a task's answer).
    produced: JSONDict = field(default_factory=dict)
    # The process the step is in: the tried one, or one a call activity called.
    process: str = ""
    process_name: str = ""

    def as_dict(self) -> JSONDict:
        return {
            "element_id": self.element_id,
            "name": self.name,
            "kind": self.kind,
            "produced": self.produced,
            "process": self.process,
            "process_name": self.process_name,
        }


@dataclass
class TrialResult:
    # completed | waiting (for a person without a sample answer, a timer or a message) |
    # failed (a step failed; `error` says which and why) | stopped (too many steps)
    status: str
    key: str
    path: list[TrialStep] = field(default_factory=list)
    waiting: list[TrialStep] = field(default_factory=list)
    error: JSONDict | None = None
    variables: JSONDict = field(default_factory=dict)

    def as_dict(self) -> JSONDict:
        return {
            "status": self.status,
            "key": self.key,
            "path": [step.as_dict() for step in self.path],
            "waiting": [step.as_dict() for step in self.waiting],
            "error": self.error,
            "variables": self.variables,
        }


def _shown(value: Any) -> Any:
    """A value as JSON can carry it, long ones cut (the panel shows a glance, not a dump)."""
    text = json.dumps(value, cls=DjangoJSONEncoder, default=str)
    if len(text) <= _SHOWN_CHARS:
        return json.loads(text)
    return text[:_SHOWN_CHARS] + "…"


def _process_of(task: Task) -> tuple[str, str]:
    """(key, name) of the process a task is in: an embedded sub-process belongs to the
    process drawing it; a called process is its own."""
    workflow = task.workflow
    while workflow.parent_task_id is not None:
        caller = workflow.top_workflow.get_task_from_id(workflow.parent_task_id)
        if isinstance(caller.task_spec, SpiffCallActivity):
            break
        workflow = workflow.parent_workflow
    return workflow.spec.name, str(workflow.spec.description or workflow.spec.name)


def _step(task: Task, elements: JSONDict, before: JSONDict | None = None) -> TrialStep:
    spec = task.task_spec
    element_id = spec.bpmn_id or ""
    name = spec.bpmn_name or elements.get(element_id, {}).get("name") or ""
    kind = type(spec).__name__
    produced = {}
    if before is not None:
        produced = {
            key: _shown(value)
            for key, value in task.data.items()
            if key not in before or before[key] != value
        }
    return TrialStep(element_id, str(name), kind, produced, *_process_of(task))


def _data_before(task: Task) -> JSONDict:
    parent = task.parent
    return dict(parent.data) if parent is not None else {}


class _Run:
    def __init__(
        self, workflow: BpmnWorkflow, elements: JSONDict, forms: JSONDict, sample: JSONDict
    ) -> None:
        self.workflow = workflow
        self.elements = elements
        self.forms = forms
        self.answers: JSONDict = sample.get("tasks") or {}
        self.results: JSONDict = sample.get("services") or {}
        self.events = TrialEvents(workflow, sample)
        self.path: list[TrialStep] = []
        self.steps = 0

    def record(self, outcome: StepOutcome) -> None:
        for task in outcome.ran:
            if task.task_spec.bpmn_id:
                self.path.append(_step(task, self.elements, _data_before(task)))

    def advance(self) -> StepOutcome:
        outcome = run_engine(self.workflow, elements=self.elements, inline=True)
        self.record(outcome)
        if outcome.retries and outcome.failure is None:
            # A real case would try again later; a test run says at once what failed.
            retry = outcome.retries[0]
            spec = retry.task.task_spec
            outcome.failure = Failure(spec.bpmn_id or spec.name, retry.task.id, retry.message)
        return outcome

    def next_waiting(self) -> tuple[Task | None, JSONDict]:
        """A ready task the sample answers: a user task, or a service task done elsewhere."""
        for task in self.workflow.get_tasks(state=TaskState.READY):
            element_id = task.task_spec.bpmn_id or ""
            if task.task_spec.manual and element_id in self.answers:
                return task, dict(self.answers[element_id] or {})
            if is_external(task, self.elements):
                return task, dict(self.results.get(element_id) or {})
        return None, {}

    def form_refusal(self, task: Task, data: JSONDict) -> JSONDict | None:
        """Why a user task's sample answer would be refused by its form, as a person's is."""
        name = self.elements.get(task.task_spec.bpmn_id or "", {}).get("form")
        form = self.forms.get(name) if name else None
        if not form:
            return None
        schema = form.get("schema") or {}
        if takes_choices_from_data(schema):
            schema = fill_from_data(schema, task.data)
        if narrows_choices(schema):
            schema = narrow_choices(schema, task.data)
        errors = validate_form_data(schema, data)
        if not errors:
            return None
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
        message = _("The sample answer does not fit the task's form: %(problems)s") % {
            "problems": problems
        }
        return {"element_id": task.task_spec.bpmn_id or "", "message": message, "fields": errors}

    def result(self, key: str, outcome: StepOutcome) -> TrialResult:
        while outcome.failure is None and not self.workflow.is_completed():
            if self.steps >= MAX_STEPS:
                return self.finish(key, "stopped")
            task, data = self.next_waiting()
            if task is None:
                # Past a timer, or a sample message delivered: the run goes on from there.
                if not self.events.go_on():
                    break
                self.steps += 1
                outcome = self.advance()
                continue
            self.steps += 1
            external = not task.task_spec.manual
            refusal = None if external else self.form_refusal(task, data)
            if refusal is not None:
                finished = self.finish(key, "failed")
                finished.error = refusal
                return finished
            before = dict(task.data)
            outcome = run_task(self.workflow, task, data, elements=self.elements, external=external)
            self.path.append(_step(task, self.elements, before))
            self.record(outcome)
            if outcome.failure is None:
                outcome = self.advance()
        if outcome.failure is not None:
            failed = outcome.failure
            finished = self.finish(key, "failed")
            finished.error = {"element_id": failed.element_id, "message": failed.message}
            return finished
        return self.finish(key, "completed" if self.workflow.is_completed() else "waiting")

    def finish(self, key: str, status: str) -> TrialResult:
        waiting = [
            _step(task, self.elements)
            for task in self.workflow.get_tasks(state=TaskState.READY | TaskState.WAITING)
            if task.task_spec.bpmn_id
        ]
        variables = {k: _shown(v) for k, v in self.workflow.data.items()}
        if not self.workflow.is_completed():
            last = self.path[-1].element_id if self.path else ""
            for task in self.workflow.get_tasks(state=TaskState.COMPLETED):
                if task.task_spec.bpmn_id == last:
                    variables = {k: _shown(v) for k, v in task.data.items()}
        return TrialResult(status, key, self.path, waiting, None, variables)


def definition_try(
    *, file_name: str, content: bytes, sample: JSONDict, key: str | None = None
) -> TrialResult:
    """Run an upload's process (`key`, else its first) in memory with sample data.

    `sample`: {"variables": {…}, "tasks": {user task id: answer}, "services": {service task
    id: result}, "timers": [timer event id, …], "messages": {message name: payload}}
    (trial_events.py). Raises DeploymentInvalid when the diagram would not deploy. Writes
    nothing.
    """
    with transaction.atomic():
        try:
            return _try(file_name, content, sample, key)
        finally:
            transaction.set_rollback(True)


def _try(file_name: str, content: bytes, sample: JSONDict, key: str | None) -> TrialResult:
    bundle = compile_upload(file_name, content)
    processes = {process.key: process for process in bundle.processes}
    if key not in processes:
        key = bundle.processes[0].key if bundle.processes else None
    if key is None:
        message = _("The diagram has no executable process.")
        raise DeploymentInvalid([Problem(message, file_name)])
    elements, forms = processes[key].elements, processes[key].forms
    parser, _roots = load_parser(bundle.files, validate=False)
    engine = _SampleServices(sample.get("services") or {})
    workflow = BpmnWorkflow(
        parser.get_spec(key), parser.get_subprocess_specs(key), script_engine=engine
    )
    start = workflow.get_next_task(state=TaskState.READY)
    if start is not None:
        start.data.update(sample.get("variables") or {})
    run = _Run(workflow, elements, forms, sample)
    try:
        outcome = run.advance()
        return run.result(key, outcome)
    except Exception as exc:  # noqa: BLE001 - a fault of the run is reported, never a crash
        finished = run.finish(key, "failed")
        finished.error = {"element_id": "", "message": describe(exc)}
        return finished
