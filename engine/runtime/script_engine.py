"""SpiffWorkflow's script engine, with every script in the sandbox and services by connector."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from engine.connectors import call_connector
from engine.sandbox import SandboxedEnvironment, ScriptRefused
from engine.sandbox.timers import timer_refusal
from engine.types import JSONDict

from .spiff import PythonScriptEngine, TimerEventDefinition, WorkflowTaskException


class HyperScriptEngine(PythonScriptEngine):
    def __init__(self) -> None:
        super().__init__(environment=SandboxedEnvironment())

    def evaluate(self, task: Any, expression: str, external_context: JSONDict | None = None) -> Any:
        value = super().evaluate(task, expression, external_context)
        timer = getattr(getattr(task, "task_spec", None), "event_definition", None)
        is_timer = isinstance(timer, TimerEventDefinition) and timer.expression == expression
        if is_timer and (reason := timer_refusal(value)):  # before SpiffWorkflow counts months
            raise WorkflowTaskException(reason, task=task, exception=ScriptRefused(reason))
        return value

    def call_service(
        self, task: Any, operation_name: str, operation_params: JSONDict, **kwargs: Any
    ) -> str:
        params = {name: spec["value"] for name, spec in operation_params.items()}
        instance_id = getattr(task.workflow.top_workflow, "instance_id", None)
        result = call_connector(operation_name, params, data=task.data, instance_id=instance_id)
        return json.dumps(result, cls=DjangoJSONEncoder)


SCRIPT_ENGINE = HyperScriptEngine()
