"""SpiffWorkflow's script engine, with every script in the sandbox and services by connector.

Scripts and expressions see SpiffArena's helpers (script_helpers.py), told which task they
run for; a timer expression may compute a timedelta or a datetime (sandbox/timers.py)."""

import copy
import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy, override

from engine.connectors import call_connector
from engine.dialects.camunda_io import failed_part, local_names
from engine.sandbox import SandboxedEnvironment, ScriptRefused
from engine.sandbox.timers import timer_refusal, timer_text
from engine.types import JSONDict

from .blame import UPDATE_FAILED
from .script_helpers import HELPERS, running
from .spiff import PythonScriptEngine, TimerEventDefinition, WorkflowTaskException

# Where an activity keeps the process variables its Camunda input parameters hide.
SHADOWED = "camunda_shadowed"


class ParameterFailed(Exception):
    """A Camunda input/output parameter or listener failed; the message names it."""

    def __init__(self, message: str, task: Any) -> None:
        super().__init__(message)
        self.task = task
        self.translations: dict[str, str] = {}


_FAILED = {
    "inputParameter": gettext_lazy("%(element)s: the input parameter “%(name)s” failed: %(error)s"),
    "outputParameter": gettext_lazy(
        "%(element)s: the output parameter “%(name)s” failed: %(error)s"
    ),
    "taskListener": gettext_lazy("%(element)s: the “%(name)s” task listener failed: %(error)s"),
    "executionListener": gettext_lazy(
        "%(element)s: the “%(name)s” execution listener failed: %(error)s"
    ),
}


def _failure(task: Any, script: str, exc: WorkflowTaskException) -> ParameterFailed | None:
    """The failure of a generated part, named in each language (an incident shows the
    reader's)."""
    part = failed_part(script, getattr(exc, "line_number", None))
    if part is None or part[0] not in _FAILED:
        return None
    kind, name = part
    spec = task.task_spec
    error = " ".join(str(exc.args[0] if exc.args else exc).split())
    # A process's own listener runs on its start or end task: the process names it.
    element = spec.bpmn_name or spec.bpmn_id or task.workflow.spec.description
    values = {"element": element, "name": name, "error": error}
    translations = {}
    for language, _name in settings.LANGUAGES:
        with override(language):
            translations[language] = str(_FAILED[kind]) % values
    failure = ParameterFailed(str(_FAILED[kind]) % values, task)
    failure.translations = translations
    return failure


def _set_aside(task: Any, script: str) -> None:
    """When an activity starts: keep the variables its input parameters hide."""
    names = local_names(script)
    prescript = getattr(task.task_spec, "prescript", None)
    if names and script == prescript:  # on a retry too: the data are inherited again
        hidden = {name: task.data[name] for name in names if name in task.data}
        task.internal_data[SHADOWED] = copy.deepcopy(hidden)


def _take_back(task: Any, script: str) -> None:
    """When it ends: its input variables go, the variables they hid come back."""
    names = local_names(script)
    if names and script == getattr(task.task_spec, "postscript", None):
        hidden = task.internal_data.pop(SHADOWED, {})
        for name in names:
            if name in hidden:
                task.data[name] = hidden[name]
            else:
                task.data.pop(name, None)


class HyperScriptEngine(PythonScriptEngine):
    def __init__(self) -> None:
        super().__init__(environment=SandboxedEnvironment(helpers=HELPERS))

    def evaluate(self, task: Any, expression: str, external_context: JSONDict | None = None) -> Any:
        with running(task):
            value = super().evaluate(task, expression, external_context)
        timer = getattr(getattr(task, "task_spec", None), "event_definition", None)
        if not (isinstance(timer, TimerEventDefinition) and timer.expression == expression):
            return value
        value = timer_text(value, timer)
        if reason := timer_refusal(value):  # before SpiffWorkflow counts months
            raise WorkflowTaskException(reason, task=task, exception=ScriptRefused(reason))
        return value

    def execute(self, task: Any, script: str, external_context: JSONDict | None = None) -> bool:
        _set_aside(task, script)
        prescript = script == getattr(task.task_spec, "prescript", None)
        before = copy.deepcopy(task.data) if prescript else None
        with running(task):
            try:
                done = bool(super().execute(task, script, external_context))
            except WorkflowTaskException as exc:
                if before is not None:
                    # It failed as the task was reached: a retry reaches it again, with the
                    # data it had then (not half of its input parameters).
                    task.data.clear()
                    task.data.update(before)
                    task.internal_data[UPDATE_FAILED] = True
                if (failure := _failure(task, script, exc)) is not None:
                    raise failure from exc
                raise
        _take_back(task, script)
        return done

    def call_service(
        self, task: Any, operation_name: str, operation_params: JSONDict, **kwargs: Any
    ) -> str:
        params = {name: spec["value"] for name, spec in operation_params.items()}
        instance_id = getattr(task.workflow.top_workflow, "instance_id", None)
        result = call_connector(operation_name, params, data=task.data, instance_id=instance_id)
        return json.dumps(result, cls=DjangoJSONEncoder)


SCRIPT_ENGINE = HyperScriptEngine()
