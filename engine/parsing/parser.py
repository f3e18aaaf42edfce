"""The SpiffWorkflow parser, taught both dialects' service tasks.

It also looks elements up through indexes rather than the library's document-wide XPath
queries, which libxml2 answers in quadratic time: checking a diagram stays linear in
its size, so an upload cannot keep a worker busy for minutes.
"""

import re
from contextlib import suppress
from functools import cache
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from lxml import etree

from engine.decisions.model import Decision, read_decisions
from engine.decisions.run import DecisionEngine
from engine.dialects.camunda_io import IoRefused, activity_scripts, process_scripts
from engine.dialects.juel import juel_to_python
from engine.runtime.call_mappings import MappedCallActivity
from engine.runtime.cron_timer import CronCycleTimerEventDefinition
from engine.runtime.process_listeners import attach_process_listeners
from engine.runtime.spiff import (
    VALIDATOR,
    AdHocParser,
    CycleTimerEventDefinition,
    SpiffBpmnParser,
    SpiffCallActivityParser,
    SpiffProcessParser,
    SpiffTaskParser,
    ValidationException,
)
from engine.runtime.spiff import SpiffServiceTask as ServiceTask

from .callees import is_imported
from .decision_task import DecisionTaskParser
from .service_inputs import InputRefused, calls_connector, connector_parameters
from .xml import BPMN_NS, CAMUNDA_NS

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"
_DI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
_DC = "{http://www.omg.org/spec/DD/20100524/DC}"


class ConnectorServiceTaskParser(SpiffTaskParser):
    """A service task names a connector: SpiffArena's serviceTaskOperator or Camunda's topic."""

    def create_task(self) -> Any:
        extensions = self.parse_extensions()
        operator = extensions.get("serviceTaskOperator")
        if operator is None:
            topic = self.node.get(f"{_C}topic")
            java = next(
                (
                    f'camunda:{name}="{self.node.get(_C + name)}"'
                    for name in ("class", "delegateExpression", "expression")
                    if self.node.get(f"{_C}{name}")
                ),
                "",
            )
            if java:
                raise ValidationException(
                    _(
                        "It runs Java (%(java)s), which HyperCRM cannot run: make it an external "
                        'task (Implementation "External", camunda:type="external" with a '
                        "camunda:topic) that a worker answers over /engine-rest/, or name a "
                        "connector of HyperCRM as its topic."
                    )
                    % {"java": java},
                    node=self.node,
                    file_name=self.filename,
                )
            if (
                self.node.get(f"{_C}type") == "connector"
                or self.node.find(f"{_B}extensionElements/{_C}connector") is not None
            ):
                raise ValidationException(
                    _(
                        "It uses a Camunda Connect connector (camunda:connector), which HyperCRM "
                        'does not run: use camunda:type="external" with a camunda:topic naming a '
                        'connector of HyperCRM (e.g. "http").'
                    ),
                    node=self.node,
                    file_name=self.filename,
                )
            if not topic:
                raise ValidationException(
                    _(
                        "A service task must name its connector: a "
                        'spiffworkflow:serviceTaskOperator, or camunda:type="external" with a '
                        "camunda:topic."
                    ),
                    node=self.node,
                    file_name=self.filename,
                )
            try:
                parameters = connector_parameters(self.node) if calls_connector(self.node) else {}
            except InputRefused as exc:
                raise ValidationException(str(exc), node=self.node, file_name=self.filename)
            operator = {
                "name": topic,
                "parameters": parameters,
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


class MappedCallActivityParser(SpiffCallActivityParser):
    """A call activity with Camunda's camunda:in / camunda:out variable mappings."""

    def create_task(self) -> Any:
        task = super().create_task()
        task.mappings_in = self._mappings("in")
        task.mappings_out = self._mappings("out")
        return task

    def _mappings(self, direction: str) -> list[dict[str, Any]]:
        mappings: list[dict[str, Any]] = []
        for node in self.node.iterfind(f"{_B}extensionElements/{_C}{direction}"):
            if (node.get("variables") or "").strip() == "all":
                mappings.append({"all": True})
            elif node.get("businessKey") is not None:
                continue  # the called process runs in the caller's instance, with its key
            else:
                mapping: dict[str, str] = {"target": (node.get("target") or "").strip()}
                if node.get("sourceExpression"):
                    mapping["source_expression"] = juel_to_python(node.get("sourceExpression"))
                else:
                    mapping["source"] = (node.get("source") or "").strip()
                mappings.append(mapping)
        return mappings


_BY_ID = re.compile(r"""^\.//bpmn:(\w+)\[@id=["']([^"'\]]*)["']\]$""")


class IndexedLookups:
    """Answer SpiffWorkflow's `.//bpmn:message[@id="…"]` lookups from an index of the document.

    The library searches the whole document once per event that names a message, signal,
    error or escalation; a diagram with thousands of them took minutes to check. The index
    is built once per document and kept on the BPMN parser.
    """

    node: etree._Element  # set by the library's parser class, mixed in after this one

    def doc_xpath(self, xpath: str) -> list[etree._Element]:
        match = _BY_ID.match(xpath)
        bpmn_parser = getattr(getattr(self, "process_parser", None), "parser", None)
        if match is None or not isinstance(bpmn_parser, HyperBpmnParser):
            found: list[etree._Element] = super().doc_xpath(xpath)  # type: ignore[misc]
            return found  # the library's method: this class is mixed in before its parser
        found = bpmn_parser.elements_with_id(self.node.getroottree().getroot(), match.group(2))
        return [node for node in found if node.tag == f"{_B}{match.group(1)}"]


class CamundaScripts:
    """An activity's Camunda input/output parameters and listeners, run as its pre- and
    post-script (engine/dialects/camunda_io.py); a connector's input parameters are its
    parameters instead (ConnectorServiceTaskParser)."""

    node: etree._Element

    def create_task(self) -> Any:
        task = super().create_task()  # type: ignore[misc]
        if not hasattr(task, "prescript") or self.node.find(f"{_B}extensionElements") is None:
            return task
        with suppress(IoRefused):  # refused before parsing (engine/parsing/camunda.py)
            task.prescript, task.postscript = activity_scripts(
                self.node,
                task.prescript,
                task.postscript,
                parameters=not calls_connector(self.node),
            )
        return task


class CronTimers:
    """A timeCycle is read by the engine's cycle timer, which also reads Quartz cron
    expressions (engine/runtime/cron_timer.py); SpiffWorkflow's own reads ISO 8601 only."""

    def parse_timer_event(self, event: etree._Element) -> Any:
        parsed = super().parse_timer_event(event)  # type: ignore[misc]
        if type(parsed) is CycleTimerEventDefinition:
            return CronCycleTimerEventDefinition(
                parsed.name, parsed.expression, description=parsed.description
            )
        return parsed


@cache
def _indexed(parser_class: type) -> type:
    bases = (IndexedLookups, CamundaScripts, CronTimers, parser_class)
    return type(parser_class.__name__, bases, {})


class LinearIndexing:
    """Index a process's elements by walking the tree instead of XPath `.//*[@id]`.

    libxml2 evaluates that expression in time quadratic in the number of nested elements
    with ids: 6,000 message events took 7 s, 20,000 took minutes.
    """

    # Set by the library's process parser, mixed in after this class.
    node: etree._Element
    nodes_by_id: dict[str, etree._Element]
    outgoing_sequence_flows: dict[str, list[etree._Element]]
    boundary_events_by_attached: dict[str, list[etree._Element]]
    data_object_references: dict[str, etree._Element]
    data_store_references: dict[str, etree._Element]

    def _index_process_nodes(self) -> None:
        for node in self.node.iterdescendants():
            node_id = node.get("id") if isinstance(node.tag, str) else None
            if node_id is None:
                continue
            self.nodes_by_id[node_id] = node
            if node.tag.endswith("sequenceFlow"):
                self.outgoing_sequence_flows.setdefault(node.get("sourceRef"), []).append(node)
            elif node.tag.endswith("boundaryEvent"):
                attached = node.get("attachedToRef")
                self.boundary_events_by_attached.setdefault(attached, []).append(node)
            elif node.tag.endswith("dataObjectReference"):
                self.data_object_references[node_id] = node
            elif node.tag.endswith("dataStoreReference"):
                self.data_store_references[node_id] = node


class HyperProcessParser(LinearIndexing, SpiffProcessParser):
    def _parse(self) -> None:
        super()._parse()
        # The process's own Camunda execution listeners (start, end).
        attach_process_listeners(self.spec, *process_scripts(self.node))


class HyperAdHocParser(LinearIndexing, AdHocParser):
    pass


class HyperBpmnParser(SpiffBpmnParser):
    PROCESS_PARSER_CLASS = HyperProcessParser
    AD_HOC_PARSER_CLASS = HyperAdHocParser
    OVERRIDE_PARSER_CLASSES = {
        tag: (_indexed(parser_class), spec_class)
        for tag, (parser_class, spec_class) in {
            **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
            f"{_B}serviceTask": (ConnectorServiceTaskParser, ServiceTask),
            f"{_B}callActivity": (MappedCallActivityParser, MappedCallActivity),
            f"{_B}businessRuleTask": (
                DecisionTaskParser,
                SpiffBpmnParser.OVERRIDE_PARSER_CLASSES[f"{_B}businessRuleTask"][1],
            ),
        }.items()
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ids_by_document: dict[
            int, tuple[etree._Element, dict[str, list[etree._Element]]]
        ] = {}
        # Every decision of every DMN file added, by id (engine/decisions).
        self.decisions: dict[str, Decision] = {}

    def add_dmn_xml(self, node: etree._Element, filename: str | None = None) -> None:
        super().add_dmn_xml(node, filename)
        for decision in read_decisions(filename or "", node):
            known = self.decisions.get(decision.id)
            # The upload's own decision wins over one of a file taken from a deployment.
            if known is None or (is_imported(known.file) and not is_imported(decision.file)):
                self.decisions[decision.id] = decision

    def get_engine(self, decision_ref: str | None, node: etree._Element) -> DecisionEngine:
        """The decision a business rule task calls, run by engine/decisions (all of DMN's hit
        policies, FEEL, required decisions) rather than SpiffWorkflow's DMN engine."""
        decision = self.decisions.get(decision_ref or "")
        if not decision_ref:
            message = _("The business rule task names no decision to call.")
        elif decision is None:
            message = _(
                'It calls the decision "%(decision)s", but no DMN file of the deployment '
                "defines it (decisions defined: %(available)s)."
            ) % {
                "decision": decision_ref,
                "available": ", ".join(self.decisions) or pgettext("no decisions", "none"),
            }
        elif not decision.runnable:
            message = _(
                'It calls the decision "%(decision)s", which is neither a decision table nor a '
                "literal expression, the decisions HyperCRM runs (an invocation or a context is "
                "not run)."
            ) % {"decision": decision_ref}
        else:
            return DecisionEngine(self.decisions, decision_ref)
        raise ValidationException(message, node=node, file_name="")

    def elements_with_id(self, root: etree._Element, element_id: str) -> list[etree._Element]:
        """The elements of a document whose id is `element_id`, in document order."""
        if id(root) not in self._ids_by_document:
            index: dict[str, list[etree._Element]] = {}
            for node in root.iter():
                if isinstance(node.tag, str) and node.get("id") is not None:
                    index.setdefault(node.get("id"), []).append(node)
            # The root is kept with its index so that its id() cannot be reused meanwhile.
            self._ids_by_document[id(root)] = (root, index)
        return self._ids_by_document[id(root)][1].get(element_id, [])

    def _add_diagram_indexes(self, bpmn: Any) -> None:
        """Lanes and shape positions by element id, in one walk (see LinearIndexing)."""
        root = bpmn.getroot() if hasattr(bpmn, "getroot") else bpmn
        if id(root) in self.document_lanes:
            return
        lanes: dict[str, str] = {}
        positions: dict[str, dict[str, float]] = {}
        for ref in root.iter(f"{_B}flowNodeRef"):
            if ref.text is not None:
                lanes[ref.text] = ref.getparent().get("name")
        for shape in root.iter(f"{_DI}BPMNShape"):
            bounds = next(shape.iter(f"{_DC}Bounds"), None)
            if shape.get("bpmnElement") is not None and bounds is not None:
                x, y = bounds.get("x", 0), bounds.get("y", 0)
                positions[shape.get("bpmnElement")] = {"x": float(x), "y": float(y)}
        self.document_lanes[id(root)] = lanes
        self.document_positions[id(root)] = positions

    def _add_data_stores(self, bpmn: etree._Element) -> None:
        """Register the data stores the engine implements; leave the others out.

        SpiffWorkflow refuses a whole document for any data store it has no class for, even
        one only drawn for documentation; a task that reads or writes such a store is still
        refused when its process is parsed ("Cannot resolve dataInputAssociation").
        """
        for node in bpmn.iter(f"{_B}dataStore"):
            if not node.get("id") or not node.get("name"):
                raise ValidationException(
                    _("A data store needs an id and a name."), node=node, file_name=""
                )
            store_class = self.DATA_STORE_CLASSES.get(node.get("name"))
            if store_class is not None:
                self.data_stores[node.get("id")] = store_class(
                    node.get("id"), node.get("name"), node.get("capacity"), node.get("isUnlimited")
                )


def new_parser(validate: bool = True) -> HyperBpmnParser:
    return HyperBpmnParser(validator=VALIDATOR if validate else None)
