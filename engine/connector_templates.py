"""Every registered connector as a Camunda 7 element template (GET /api/element-templates/).

A process owner applies one to a service task in the modeler (or in Camunda Modeler) and
fills its fields. The template writes what engine/parsing/service_inputs.py reads:

- `camunda:type="external"` and `camunda:topic` = the connector's name (hidden);
- each parameter as a `camunda:inputParameter` of its name, left out when the field is
  empty (a business connector then reads the process variable of that name);
- the result variable as `camunda:resultVariable`.

The texts are in the language active when this runs (the reader's).
"""

from typing import Any

from django.utils.translation import gettext as _

from .connectors import ConnectorInfo, Parameter, connector_info, connector_names

SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json"
TEMPLATE_PREFIX = "hypercrm."


def _type_word(kind: str) -> str:
    return {
        "number": _("a number"),
        "boolean": _("the word true or false"),
        "list": _("a list, as an expression such as ${lines}"),
        "object": _("an object, as an expression such as ${payload}"),
    }[kind]


def _field(parameter: Parameter, info: ConnectorInfo) -> dict[str, Any]:
    words = [str(parameter.description)]
    if parameter.type != "string":
        words.append(_("Give %(what)s.") % {"what": _type_word(parameter.type)})
    if info.reads_variables:
        words.append(_("Empty: the process variable “%(name)s”.") % {"name": parameter.name})
    else:
        words.append(_("Its name in the call: %(name)s.") % {"name": parameter.name})
    field: dict[str, Any] = {
        "label": str(parameter.label),
        "description": " ".join(words),
        "type": "String",
        "group": "parameters",
        "binding": {"type": "camunda:inputParameter", "name": parameter.name},
    }
    if parameter.required and not info.reads_variables:
        field["constraints"] = {"notEmpty": True}
    else:
        field["optional"] = True
    return field


def connector_template(name: str) -> dict[str, Any]:
    """The element template of the connector `name`."""
    info = connector_info(name)
    result = _("What the result holds: %(result)s") % {"result": info.result} if info.result else ""
    properties: list[dict[str, Any]] = [
        {
            "type": "Hidden",
            "value": "external",
            "binding": {"type": "property", "name": "camunda:type"},
        },
        {"type": "Hidden", "value": name, "binding": {"type": "property", "name": "camunda:topic"}},
        *(_field(parameter, info) for parameter in info.parameters),
        {
            "label": _("Result variable"),
            "description": " ".join(
                part
                for part in (_("The process variable the connector's result is put in."), result)
                if part
            ),
            "type": "String",
            "value": info.result_variable or name.replace(".", "_") + "_result",
            "group": "result",
            "binding": {"type": "property", "name": "camunda:resultVariable"},
            "constraints": {
                "notEmpty": True,
                "pattern": {
                    "value": "^[A-Za-z_][A-Za-z0-9_]*$",
                    "message": _(
                        "A variable name: letters, digits and _, not starting with a digit."
                    ),
                },
            },
        },
    ]
    groups = [{"id": "result", "label": _("Result")}]
    if info.parameters:
        groups.insert(0, {"id": "parameters", "label": _("Parameters")})
    return {
        "$schema": SCHEMA,
        "name": str(info.label or name),
        "id": TEMPLATE_PREFIX + name,
        "version": 1,
        "description": str(info.description),
        "appliesTo": ["bpmn:ServiceTask"],
        "keywords": [name],
        "groups": groups,
        "properties": properties,
    }


def connector_templates() -> list[dict[str, Any]]:
    """The element templates of every registered connector, by label."""
    return sorted((connector_template(n) for n in connector_names()), key=lambda t: t["name"])
