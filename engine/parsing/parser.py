"""The SpiffWorkflow parser, taught both dialects' service tasks."""

from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.parser.task_spec import SpiffTaskParser
from SpiffWorkflow.spiff.specs.defaults import ServiceTask

from .xml import BPMN_NS, CAMUNDA_NS

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"


class ConnectorServiceTaskParser(SpiffTaskParser):
    """A service task names a connector: SpiffArena's serviceTaskOperator or Camunda's topic."""

    def create_task(self):
        extensions = self.parse_extensions()
        operator = extensions.get("serviceTaskOperator")
        if operator is None:
            topic = self.node.get(f"{_C}topic")
            if not topic:
                raise ValidationException(
                    "A service task must name its connector: a spiffworkflow:serviceTaskOperator, "
                    'or camunda:type="external" with a camunda:topic.',
                    node=self.node,
                    file_name=self.filename,
                )
            operator = {
                "name": topic,
                "parameters": {},
                "resultVariable": self.node.get(f"{_C}resultVariable"),
            }
        return self.spec_class(
            self.spec,
            self.bpmn_id,
            operation_name=operator["name"],
            operation_params=operator["parameters"],
            result_variable=operator["resultVariable"],
            prescript=extensions.get("preScript"),
            postscript=extensions.get("postScript"),
            **self.bpmn_attributes,
        )


class HyperBpmnParser(SpiffBpmnParser):
    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        "{http://www.omg.org/spec/BPMN/20100524/MODEL}serviceTask": (
            ConnectorServiceTaskParser,
            ServiceTask,
        ),
    }

    def _add_data_stores(self, bpmn):
        """Register the data stores the engine implements; leave the others out.

        SpiffWorkflow refuses a whole document for any data store it has no class for, even
        one only drawn for documentation; a task that reads or writes such a store is still
        refused when its process is parsed ("Cannot resolve dataInputAssociation").
        """
        for node in bpmn.iter(f"{_B}dataStore"):
            if not node.get("id") or not node.get("name"):
                raise ValidationException(
                    "A data store needs an id and a name.", node=node, file_name=""
                )
            store_class = self.DATA_STORE_CLASSES.get(node.get("name"))
            if store_class is not None:
                self.data_stores[node.get("id")] = store_class(
                    node.get("id"), node.get("name"), node.get("capacity"), node.get("isUnlimited")
                )


def new_parser(validate: bool = True) -> HyperBpmnParser:
    return HyperBpmnParser(validator=VALIDATOR if validate else None)
