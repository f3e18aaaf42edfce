"""SpiffWorkflow's script engine, with every script in the sandbox and services by connector."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine

from engine.connectors import get_connector
from engine.sandbox import SandboxedEnvironment


class HyperScriptEngine(PythonScriptEngine):
    def __init__(self):
        super().__init__(environment=SandboxedEnvironment())

    def call_service(self, task, operation_name, operation_params, **kwargs):
        connector = get_connector(operation_name)
        params = {name: spec["value"] for name, spec in operation_params.items()}
        result = connector(params, data=task.data)
        return json.dumps(result, cls=DjangoJSONEncoder)


SCRIPT_ENGINE = HyperScriptEngine()
