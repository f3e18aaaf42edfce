"""A user task's form in form-js's format (bpmn.io's form editor) and back.

The engine reads forms as JSON Schema + UI schema; the studio's form editor edits form-js
schemas. `to_formjs` turns the first into the second, `from_formjs` the second back. What a
form-js field cannot say (a choice list of records, a context panel, a widget, a bound the
editor has no input for) travels with its component under "hypercrm" and comes back
unchanged, so that loading a form into the editor and saving it gives the same form.
"""

from __future__ import annotations

import copy
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

JSON = dict[str, Any]

SCHEMA_VERSION = 19
# The form-js fields the engine has a JSON Schema for; any other is refused by name.
FIELD_TYPES = (
    "textfield",
    "textarea",
    "number",
    "checkbox",
    "radio",
    "select",
    "checklist",
    "datetime",
    "dynamiclist",
)
_EXTRA = "hypercrm"
# Property keywords a component states itself (the rest travel under "hypercrm").
_MAPPED = {
    "type",
    "title",
    "description",
    "default",
    "readOnly",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "enum",
    "oneOf",
    "x-choices",
    "items",
    "format",
}
_MAPPED_UI = {"ui:widget", "ui:enumNames", "ui:order", "items"}
_TOP_MAPPED = {"type", "properties", "required"}


class FormConversionError(ValueError):
    """A form-js schema the engine cannot read: the field and the reason are named."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# JSON Schema + UI schema -> form-js ---------------------------------------------------------


def to_formjs(schema: JSON, ui_schema: JSON | None = None) -> JSON:
    """The form-js schema of a JSON Schema form (with its UI schema)."""
    ui = ui_schema or {}
    top = {k: copy.deepcopy(v) for k, v in schema.items() if k not in _TOP_MAPPED}
    # A ui:order is written back (in the editor's order) only when the form had one.
    top_ui = {k: copy.deepcopy(v) for k, v in ui.items() if k.startswith("ui:")}
    form: JSON = {
        "type": "default",
        "schemaVersion": SCHEMA_VERSION,
        "components": _components(schema, ui),
    }
    form[_EXTRA] = {"schema": top, "ui": top_ui}
    return form


def _ordered(schema: JSON, ui: JSON) -> list[str]:
    names = list(schema.get("properties") or {})
    order = [n for n in ui.get("ui:order") or [] if n in names]
    return order + [n for n in names if n not in order]


def _components(schema: JSON, ui: JSON) -> list[JSON]:
    required = set(schema.get("required") or [])
    properties = schema.get("properties") or {}
    return [
        _component(name, properties[name], ui.get(name) or {}, name in required)
        for name in _ordered(schema, ui)
    ]


def _choices(prop: JSON, ui: JSON) -> list[JSON] | None:
    if "enum" in prop:
        names = ui.get("ui:enumNames") or []
        return [
            {"label": str(names[i]) if i < len(names) else str(v), "value": v}
            for i, v in enumerate(prop["enum"])
        ]
    if "oneOf" in prop and all(isinstance(o, dict) and "const" in o for o in prop["oneOf"]):
        return [
            {"label": str(o.get("title", o["const"])), "value": o["const"]} for o in prop["oneOf"]
        ]
    return None


def _component(name: str, prop: JSON, ui: JSON, required: bool) -> JSON:
    kind = prop.get("type")
    widget = ui.get("ui:widget")
    extra_schema = {k: copy.deepcopy(v) for k, v in prop.items() if k not in _MAPPED}
    extra_ui = {k: copy.deepcopy(v) for k, v in ui.items() if k not in _MAPPED_UI}
    component: JSON = {"label": prop.get("title", name)}
    validate: JSON = {"required": True} if required else {}
    items = prop.get("items") if isinstance(prop.get("items"), dict) else None
    if kind == "array" and items is not None and items.get("type") == "object":
        component.update(
            type="dynamiclist",
            path=name,
            isRepeating=True,
            allowAddRemove=True,
            defaultRepetitions=1,
            components=_components(items, ui.get("items") or {}),
        )
        extra_schema["items"] = {
            k: copy.deepcopy(v) for k, v in items.items() if k not in _TOP_MAPPED
        }
        extra_ui.update({f"items.{k}": v for k, v in (ui.get("items") or {}).items()})
    elif kind == "array" and items is not None and _choices(items, ui) is not None:
        component.update(type="checklist", key=name, values=_choices(items, ui))
        extra_schema["items"] = {k: v for k, v in items.items() if k not in {"enum", "oneOf"}}
    elif kind == "boolean":
        if widget == "radio":
            names = list(ui.get("ui:enumNames") or ["Yes", "No"])
            component.update(
                type="radio",
                key=name,
                values=[
                    {"label": str(names[0]), "value": True},
                    {"label": str(names[1]), "value": False},
                ],
            )
            if not ui.get("ui:enumNames"):
                extra_ui["no-enum-names"] = True
        else:
            component.update(type="checkbox", key=name)
    elif "x-choices" in prop:
        component.update(type="select", key=name, valuesKey=str(prop["x-choices"]))
        extra_schema["type"] = kind
    elif (values := _choices(prop, ui)) is not None:
        component.update(type="radio" if widget == "radio" else "select", key=name, values=values)
        extra_schema["type"] = kind
        if "oneOf" in prop:
            extra_schema["choices-as"] = "oneOf"
    elif kind in ("integer", "number"):
        component.update(type="number", key=name)
        if kind == "integer":
            component["decimalDigits"] = 0
        if "minimum" in prop:
            validate["min"] = prop["minimum"]
        if "maximum" in prop:
            validate["max"] = prop["maximum"]
        if widget:
            extra_ui["ui:widget"] = widget
    elif kind == "string" and prop.get("format") in ("date", "date-time"):
        subtype = "date" if prop["format"] == "date" else "datetime"
        component.update(
            type="datetime", key=name, subtype=subtype, dateLabel=component.pop("label")
        )
    else:
        component.update(type="textarea" if widget == "textarea" else "textfield", key=name)
        if widget and widget != "textarea":
            extra_ui["ui:widget"] = widget
        if kind != "string":
            extra_schema["type"] = kind
        if "format" in prop:
            extra_schema["format"] = prop["format"]
    for keyword, rule in (("minLength", "minLength"), ("maxLength", "maxLength")):
        if keyword in prop:
            validate[rule] = prop[keyword]
    if "description" in prop:
        component["description"] = prop["description"]
    if "default" in prop:
        component["defaultValue"] = copy.deepcopy(prop["default"])
    if prop.get("readOnly"):
        component["readonly"] = True
    elif "readOnly" in prop:
        extra_schema["readOnly"] = prop["readOnly"]
    if validate:
        component["validate"] = validate
    if extra_schema or extra_ui:
        component[_EXTRA] = {"schema": extra_schema, "ui": extra_ui}
    return component


# form-js -> JSON Schema + UI schema ---------------------------------------------------------


def from_formjs(form: Any) -> tuple[JSON, JSON]:
    """The JSON Schema and UI schema of a form-js schema; raises FormConversionError."""
    if not isinstance(form, dict) or not isinstance(form.get("components"), list):
        raise FormConversionError(
            _("The form is not a form-js schema: it has no list of components.")
        )
    extra = form.get(_EXTRA) if isinstance(form.get(_EXTRA), dict) else {}
    schema: JSON = copy.deepcopy(extra.get("schema") or {})
    if not extra:
        # A form made in the editor: the draft the engine checks forms against.
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    ui: JSON = copy.deepcopy(extra.get("ui") or {})
    properties, required, order, field_ui = _fields(form["components"], "")
    schema = {**schema, "type": "object", "required": required, "properties": properties}
    if not required:
        del schema["required"]
    if "ui:order" in ui:
        ui["ui:order"] = order
    return schema, {**ui, **field_ui}


def _fields(components: list[Any], where: str) -> tuple[JSON, list[str], list[str], JSON]:
    properties: JSON = {}
    required: list[str] = []
    order: list[str] = []
    ui: JSON = {}
    for index, component in enumerate(components):
        if not isinstance(component, dict):
            raise FormConversionError(
                _("Field %(number)s%(where)s is not an object.")
                % {"number": index + 1, "where": where}
            )
        kind = component.get("type")
        label = str(component.get("label") or component.get("dateLabel") or "")
        name = component.get("path") if kind == "dynamiclist" else component.get("key")
        shown = label or str(name or kind)
        if kind not in FIELD_TYPES:
            # Named by whatever names it, a list of rows retyped by hand included.
            name = component.get("key") or component.get("path")
            message = _(
                "The field \"%(field)s\"%(where)s is a '%(kind)s', which the engine's forms "
                "do not take; they take only %(kinds)s."
            ) % {"field": shown, "where": where, "kind": kind, "kinds": ", ".join(FIELD_TYPES)}
            raise FormConversionError(message, str(name or ""))
        if not isinstance(name, str) or not name.strip():
            raise FormConversionError(
                _("The field “%(field)s”%(where)s has no key.") % {"field": shown, "where": where},
                "",
            )
        if not name.isidentifier():
            raise FormConversionError(
                _(
                    "The key “%(key)s” of the field “%(field)s”%(where)s is not a variable "
                    "name: letters, digits and _ only, not starting with a digit."
                )
                % {"key": name, "field": shown, "where": where},
                name,
            )
        if name in properties:
            raise FormConversionError(
                _("Two fields%(where)s have the key “%(key)s”.") % {"where": where, "key": name},
                name,
            )
        prop, field_ui = _property(component, label or name, name)
        properties[name] = prop
        order.append(name)
        if field_ui:
            ui[name] = field_ui
        if (component.get("validate") or {}).get("required"):
            required.append(name)
    return properties, required, order, ui


def _property(component: JSON, label: str, name: str) -> tuple[JSON, JSON]:
    kind = component["type"]
    extra = component.get(_EXTRA) if isinstance(component.get(_EXTRA), dict) else {}
    prop: JSON = copy.deepcopy(extra.get("schema") or {})
    ui: JSON = {k: copy.deepcopy(v) for k, v in (extra.get("ui") or {}).items()}
    prop["title"] = label
    validate = component.get("validate") if isinstance(component.get("validate"), dict) else {}
    if kind == "dynamiclist":
        items_extra = prop.pop("items", {}) or {}
        properties, required, order, items_ui = _fields(
            component.get("components") or [],
            pgettext("where a form field is", " in “%(list)s”") % {"list": label},
        )
        items: JSON = {
            **items_extra,
            "type": "object",
            "required": required,
            "properties": properties,
        }
        if not required:
            del items["required"]
        nested = {k[len("items.") :]: ui.pop(k) for k in list(ui) if k.startswith("items.")}
        if "ui:order" in nested:
            nested["ui:order"] = order
        if nested or items_ui:
            ui["items"] = {**nested, **items_ui}
        prop = {"type": "array", **prop, "items": items}
    elif kind == "checklist":
        values = _values(component, label, name)
        prop = {"type": "array", **prop}
        prop["items"] = {**prop.get("items", {}), "enum": [v["value"] for v in values]}
        if any(v["label"] != str(v["value"]) for v in values):
            ui["ui:enumNames"] = [v["label"] for v in values]
    elif kind == "checkbox":
        prop = {"type": "boolean", **prop}
    elif kind in ("radio", "select"):
        ui_kind, prop = _choice_property(component, prop, ui, label, name)
        if kind == "radio":
            ui["ui:widget"] = "radio"
    elif kind == "number":
        digits = component.get("decimalDigits")
        prop = {"type": "integer" if digits == 0 else "number", **prop}
        if "min" in validate:
            prop["minimum"] = validate["min"]
        if "max" in validate:
            prop["maximum"] = validate["max"]
    elif kind == "datetime":
        prop = {"type": "string", **prop}
        prop["format"] = "date" if component.get("subtype", "date") == "date" else "date-time"
    else:
        prop = {"type": "string", **prop}
        if kind == "textarea":
            ui["ui:widget"] = "textarea"
    for rule in ("minLength", "maxLength"):
        if rule in validate and kind in ("textfield", "textarea"):
            prop[rule] = validate[rule]
    if component.get("description"):
        prop["description"] = component["description"]
    if "defaultValue" in component:
        prop["default"] = copy.deepcopy(component["defaultValue"])
    if component.get("readonly") is True:
        prop["readOnly"] = True
    return prop, ui


def _values(component: JSON, label: str, name: str) -> list[JSON]:
    values = component.get("values")
    if not isinstance(values, list) or not values:
        raise FormConversionError(
            _("The field “%(field)s” has no options to choose from.") % {"field": label}, name
        )
    for value in values:
        if not isinstance(value, dict) or "value" not in value:
            raise FormConversionError(
                _("An option of the field “%(field)s” has no value.") % {"field": label}, name
            )
    return [{"label": str(v.get("label") or v["value"]), "value": v["value"]} for v in values]


def _choice_property(
    component: JSON, prop: JSON, ui: JSON, label: str, name: str
) -> tuple[str, JSON]:
    if component.get("valuesKey"):
        kind = prop.pop("type", None) or "integer"
        return "records", {"type": kind, **prop, "x-choices": str(component["valuesKey"])}
    values = _values(component, label, name)
    if all(isinstance(v["value"], bool) for v in values) and len(values) == 2:
        labels = [v["label"] for v in values]
        if not (ui.pop("no-enum-names", False) and labels == ["Yes", "No"]):
            ui["ui:enumNames"] = labels
        if values[0]["value"] is False:
            raise FormConversionError(
                _("The field “%(field)s”: the first option of a yes/no choice must be the “yes”.")
                % {"field": label},
                name,
            )
        return "boolean", {"type": "boolean", **{k: v for k, v in prop.items() if k != "type"}}
    as_one_of = prop.pop("choices-as", None) == "oneOf"
    kind = prop.pop("type", None) or _json_type([v["value"] for v in values])
    if as_one_of:
        return "options", {
            "type": kind,
            **prop,
            "oneOf": [{"const": v["value"], "title": v["label"]} for v in values],
        }
    if any(v["label"] != str(v["value"]) for v in values):
        ui["ui:enumNames"] = [v["label"] for v in values]
    return "options", {"type": kind, **prop, "enum": [v["value"] for v in values]}


def _json_type(values: list[Any]) -> str:
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "number"
    return "string"
