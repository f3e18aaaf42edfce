"""Camunda's way of calling a connector, compiled to the same call as SpiffArena's.

A Camunda 7 service task names its connector as an external task's topic and gives the
connector's parameters as input parameters; the element templates of
GET /api/element-templates/ write exactly this, and so can Camunda Modeler by hand:

    <bpmn:serviceTask camunda:type="external" camunda:topic="sales.create_order"
                      camunda:resultVariable="order">
      <bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="customer">${customer_id}</camunda:inputParameter>
        <camunda:inputParameter name="notes">Rush</camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements>
    </bpmn:serviceTask>

As in Camunda, a parameter's text is a string unless it is one `${…}` expression (JUEL,
read as Python); it becomes the connector's parameter of that name, exactly as a
spiffworkflow:parameter would. An empty one is not passed at all: it is what a template's
field left empty writes, and a business connector then reads the process variable of
that name. Output parameters, lists, maps and scripts in a parameter
are refused by name: the connector's result goes to its result variable instead.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from lxml import etree

from engine.connectors import connector_names
from engine.dialects.juel import is_juel, juel_to_python

from .xml import BPMN_NS, CAMUNDA_NS, SPIFF_NS

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"
_S = f"{{{SPIFF_NS}}}"


class InputRefused(ValueError):
    """A camunda:inputOutput the connector call cannot take (the message says why)."""


def calls_connector(node: etree._Element) -> bool:
    """Whether `node` is a service task whose camunda:topic names a registered connector
    (then its camunda:inputOutput holds the connector's parameters)."""
    return (
        etree.QName(node).localname == "serviceTask"
        and (node.get(f"{_C}topic") or "") in connector_names()
        and node.find(f"{_B}extensionElements/{_S}serviceTaskOperator") is None
    )


def _parameters(node: etree._Element) -> Iterator[etree._Element]:
    for mapping in node.iterfind(f"{_B}extensionElements/{_C}inputOutput"):
        for child in mapping:
            if not isinstance(child.tag, str):
                continue  # a comment
            name = etree.QName(child).localname
            if name == "outputParameter":
                raise InputRefused(
                    _(
                        "It has the output parameter “%(name)s”, which HyperCRM does not map: "
                        "the connector's result goes to the task's result variable "
                        "(camunda:resultVariable); read it from there."
                    )
                    % {"name": child.get("name", "")}
                )
            yield child


def parameter_expression(parameter: etree._Element) -> str:
    """The Python expression of one camunda:inputParameter: its `${…}` as Python, or its
    text as a string literal."""
    name = parameter.get("name") or ""
    nested = next((etree.QName(c).localname for c in parameter if isinstance(c.tag, str)), "")
    if nested:
        raise InputRefused(
            _(
                "Its input parameter “%(name)s” holds a camunda:%(kind)s, which HyperCRM does "
                "not read: give the value as text or as one ${…} expression (e.g. ${lines})."
            )
            % {"name": name, "kind": nested}
        )
    text = parameter.text or ""
    return juel_to_python(text.strip()) if is_juel(text) else repr(text)


def connector_parameters(node: etree._Element) -> dict[str, dict[str, str]]:
    """The connector parameters of a Camunda service task, as SpiffWorkflow's service task
    takes them ({name: {"type", "value"}}); InputRefused names what cannot be read."""
    parameters: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    for parameter in _parameters(node):
        name = (parameter.get("name") or "").strip()
        if not name:
            raise InputRefused(_("One of its input parameters has no name."))
        if name in seen:
            raise InputRefused(_("It has the input parameter “%(name)s” twice.") % {"name": name})
        seen.add(name)
        expression = parameter_expression(parameter)
        if (parameter.text or "").strip():  # an empty one (a field left empty) is not passed
            parameters[name] = {"type": "any", "value": expression}
    return parameters


def parameter_expressions(
    scope: etree._Element,
) -> Iterator[tuple[str, etree._Element, etree._Element]]:
    """(Python expression, parameter, its task) of each `${…}` input parameter of a
    connector call in `scope`, for the sandbox's checks before deploying."""
    for task in scope.iter(f"{_B}serviceTask"):
        if not calls_connector(task):
            continue
        for mapping in task.iterfind(f"{_B}extensionElements/{_C}inputOutput"):
            for parameter in mapping.iterfind(f"{_C}inputParameter"):
                if is_juel(parameter.text) and len(parameter) == 0:
                    yield juel_to_python((parameter.text or "").strip()), parameter, task
