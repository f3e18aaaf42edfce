"""Camunda 7's generated forms (camunda:formData) as the JSON Schema + UI schema forms the
engine shows and checks.

Each camunda:formField becomes a property: string → text, long → a whole number, boolean
→ true or false, date → a date, enum → a choice of its camunda:value ids, named by their
names. Its label is the title, its defaultValue the default; camunda:validation's
required, minlength, maxlength, min, max and readonly become JSON Schema's required,
minLength, maxLength, minimum, maximum and readOnly, so the server refuses a completion
that breaks them, at the field. A custom type or validator is refused by name; a field's
camunda:properties are ignored with a warning. The form is stored under a name of its own
(`form_data_name`) in the version's forms, like a form file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from .xml import BPMN_NS, CAMUNDA_NS, describe

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"

JSON = dict[str, Any]
# A Camunda form field type → its JSON Schema.
_TYPES: dict[str, JSON] = {
    "string": {"type": "string"},
    "long": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "enum": {"type": "string"},
}
# A built-in validator → (its JSON Schema keyword, the field types it applies to).
_LIMITS = {
    "minlength": ("minLength", ("string",)),
    "maxlength": ("maxLength", ("string",)),
    "min": ("minimum", ("long",)),
    "max": ("maximum", ("long",)),
}
# Camunda writes dates as dd/MM/yyyy by default; ISO dates are read too.
_CAMUNDA_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_EXPRESSION = re.compile(r"[$#]\{")
FORM_DATA_PREFIX = "camunda:formData:"


@dataclass
class FormData:
    """A generated form compiled: the form, and what was refused or ignored (messages)."""

    schema: JSON
    ui_schema: JSON
    problems: list[tuple[str, int | None]] = field(default_factory=list)
    warnings: list[tuple[str, int | None]] = field(default_factory=list)


def form_data_node(node: etree._Element) -> etree._Element | None:
    """The element's own camunda:formData, if it has one."""
    return node.find(f"{_B}extensionElements/{_C}formData")


def form_data_name(process_id: str, element_id: str) -> str:
    """The name a generated form is stored under in a version's forms."""
    return f"{FORM_DATA_PREFIX}{process_id}:{element_id}"


def is_generated(form_name: str) -> bool:
    """Whether a version's form is a generated one: edited as the diagram's form fields
    (the properties panel), not as a form file."""
    return form_name.startswith(FORM_DATA_PREFIX)


def compile_form_data(owner: etree._Element, form_data: etree._Element) -> FormData:
    """The JSON Schema + UI schema of an element's camunda:formData."""
    where = describe(owner)
    properties: JSON = {}
    ui: JSON = {}
    required: list[str] = []
    result = FormData({"type": "object", "properties": properties}, ui)
    for node in form_data.iterfind(f"{_C}formField"):
        name = (node.get("id") or "").strip()
        if not name:
            message = _("%(element)s has a form field without an id (camunda:formField).")
            result.problems.append((message % {"element": where}, node.sourceline))
            continue
        prop, field_ui = _field(where, name, node, result)
        if prop is None:
            continue
        if prop.pop("x-required", False):
            required.append(name)
        properties[name] = prop
        if field_ui:
            ui[name] = field_ui
    ui["ui:order"] = list(properties)
    if required:
        result.schema["required"] = required
    return result


def _field(
    where: str, name: str, node: etree._Element, result: FormData
) -> tuple[JSON | None, JSON]:
    kind = (node.get("type") or "").strip()
    values = {"element": where, "field": name, "type": kind}
    if kind not in _TYPES:
        message = _(
            "%(element)s: the form field “%(field)s” has the type “%(type)s”, which a "
            "generated form cannot show: use string, long, boolean, date or enum, or give "
            "the task a JSON Schema form file with camunda:formKey."
        )
        result.problems.append((message % values, node.sourceline))
        return None, {}
    prop: JSON = dict(_TYPES[kind])
    field_ui: JSON = {}
    if label := (node.get("label") or "").strip():
        prop["title"] = label
    if kind == "enum":
        choices = [
            (value.get("id") or "", value.get("name") or value.get("id") or "")
            for value in node.iterfind(f"{_C}value")
        ]
        prop["enum"] = [value for value, _name in choices]
        field_ui["ui:enumNames"] = [label for _value, label in choices]
    if kind == "boolean":
        field_ui["ui:widget"] = "checkbox"
    ok = _default(values, node, prop, result)
    ok = _constraints(values, kind, node, prop, result) and ok
    if node.find(f"{_C}properties") is not None:
        message = _(
            "%(element)s: the form field “%(field)s” has camunda:properties, which the "
            "generated form ignores."
        )
        result.warnings.append((message % values, node.sourceline))
    return (prop if ok else None), field_ui


def _default(values: dict[str, str], node: etree._Element, prop: JSON, result: FormData) -> bool:
    text = node.get("defaultValue")
    if text is None or text == "":
        return True
    if _EXPRESSION.search(text):
        message = _(
            "%(element)s: the form field “%(field)s” has the default value “%(value)s”, an "
            "expression the generated form does not evaluate: set the variable “%(field)s” "
            "before the task instead (the field shows the variable's value)."
        )
        result.problems.append((message % {**values, "value": text}, node.sourceline))
        return False
    value = _typed(values["type"], text)
    enum = prop.get("enum")
    if value is None or (enum is not None and value not in enum):
        message = _(
            "%(element)s: the form field “%(field)s” has the default value “%(value)s”, "
            "which does not fit its type “%(type)s”."
        )
        result.problems.append((message % {**values, "value": text}, node.sourceline))
        return False
    prop["default"] = value
    return True


def _typed(kind: str, text: str) -> Any:
    text = text.strip()
    if kind == "long":
        return int(text) if re.fullmatch(r"[+-]?\d+", text) else None
    if kind == "boolean":
        return {"true": True, "false": False}.get(text.lower())
    if kind == "date":
        return _iso_date(text)
    return text


def _iso_date(text: str) -> str | None:
    if match := _CAMUNDA_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


def _constraints(
    values: dict[str, str], kind: str, node: etree._Element, prop: JSON, result: FormData
) -> bool:
    ok = True
    for constraint in node.iterfind(f"{_C}validation/{_C}constraint"):
        name = (constraint.get("name") or "").strip()
        config = (constraint.get("config") or "").strip()
        said = {**values, "name": name, "config": config}
        line = constraint.sourceline
        if name == "required":
            prop["x-required"] = True
        elif name == "readonly":
            prop["readOnly"] = True
        elif name in _LIMITS:
            keyword, kinds = _LIMITS[name]
            if kind not in kinds:
                message = _(
                    "%(element)s: the form field “%(field)s” has the constraint “%(name)s”, "
                    "which does not apply to a %(type)s field."
                )
                result.problems.append((message % said, line))
                ok = False
            elif not re.fullmatch(r"[+-]?\d+", config) or (
                keyword.endswith("Length") and int(config) < 0
            ):
                message = _(
                    "%(element)s: the form field “%(field)s” has the constraint “%(name)s” "
                    "with “%(config)s”, which is not a whole number."
                )
                result.problems.append((message % said, line))
                ok = False
            else:
                prop[keyword] = int(config)
        else:
            message = _(
                "%(element)s: the form field “%(field)s” has the validator “%(name)s”, which "
                "HyperCRM does not run: use required, minlength, maxlength, min, max or "
                "readonly, or give the task a JSON Schema form file with camunda:formKey."
            )
            result.problems.append((message % said, line))
            ok = False
    return ok
