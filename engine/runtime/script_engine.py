"""SpiffWorkflow's script engine, with every script in the sandbox and services by connector.

Scripts and expressions see SpiffArena's helpers (script_helpers.py), told which task they
run for; a timer expression may compute a timedelta or a datetime (sandbox/timers.py)."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from engine.connectors import call_connector
from engine.sandbox import SandboxedEnvironment, ScriptRefused
from engine.sandbox.timers import timer_refusal, timer_text
from engine.types import JSONDict

from .script_helpers import HELPERS, running
from .spiff import PythonScriptEngine, TimerEventDefinition, WorkflowTaskException


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
        with running(task):
            return bool(super().execute(task, script, external_context))

    def call_service(
        self, task: Any, operation_name: str, operation_params: JSONDict, **kwargs: Any
    ) -> str:
        params = {name: spec["value"] for name, spec in operation_params.items()}
        instance_id = getattr(task.workflow.top_workflow, "instance_id", None)
        result = call_connector(operation_name, params, data=task.data, instance_id=instance_id)
        return json.dumps(result, cls=DjangoJSONEncoder)


SCRIPT_ENGINE = HyperScriptEngine()
