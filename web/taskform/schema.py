"""Reading a JSON Schema (+ RJSF-style UI schema) the way the task form needs it."""

from typing import Any

from django.utils.translation import gettext as _

NULL = "null"


def json_type(node: dict) -> str:
    """The node's type; of a list of types the first that is not null."""
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != NULL), NULL)
    if not kind:
        if isinstance(node.get("properties"), dict):
            return "object"
        if "items" in node:
            return "array"
        return "string"
    return kind


def nullable(node: dict) -> bool:
    kind = node.get("type")
    return isinstance(kind, list) and NULL in kind


def choices(node: dict, ui: dict) -> list[tuple[Any, str]] | None:
    """(value, label) pairs of an `enum` or a `oneOf`/`anyOf` of consts, else None."""
    if isinstance(node.get("enum"), list):
        names = ui.get("ui:enumNames") or []
        return [
            (value, str(names[i]) if i < len(names) else _label(value))
            for i, value in enumerate(node["enum"])
            if value is not None
        ]
    for keyword in ("oneOf", "anyOf"):
        options = node.get(keyword)
        if (
            isinstance(options, list)
            and options
            and all(isinstance(o, dict) and "const" in o for o in options)
        ):
            return [(o["const"], str(o.get("title") or _label(o["const"]))) for o in options]
    return None


def _label(value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def as_text(value: Any) -> str:
    """How a value is written into an <input> or <option value>."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def ordered_properties(node: dict, ui: dict) -> list[tuple[str, dict]]:
    """Properties in `ui:order` (with "*" for the rest), else as the schema lists them."""
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return []
    names = [name for name, sub in properties.items() if isinstance(sub, dict)]
    order = ui.get("ui:order")
    if isinstance(order, list) and order:
        listed = [name for name in order if name in names]
        rest = [name for name in names if name not in listed]
        if "*" in order:
            star = order.index("*")
            before = [n for n in order[:star] if n in names]
            after = [n for n in order[star + 1 :] if n in names]
            middle = [n for n in names if n not in before and n not in after]
            names = before + middle + after
        else:
            names = listed + rest
    return [(name, properties[name]) for name in names]


def ui_for(ui: dict, name: str) -> dict:
    sub = ui.get(name) if isinstance(ui, dict) else None
    return sub if isinstance(sub, dict) else {}


def widget(ui: dict) -> str:
    value = ui.get("ui:widget")
    if value is None and isinstance(ui.get("ui:options"), dict):
        value = ui["ui:options"].get("widget")
    return value if isinstance(value, str) else ""


def read_only(node: dict, ui: dict) -> bool:
    return bool(node.get("readOnly") or ui.get("ui:readonly") or ui.get("ui:disabled"))


def hidden(ui: dict) -> bool:
    return widget(ui) == "hidden"


def is_line_items(node: dict) -> bool:
    """An array whose items are entered one row at a time (not a multiple choice)."""
    items = node.get("items")
    if json_type(node) != "array" or "x-choices" in node:  # a multiple choice of records
        return False
    return not (isinstance(items, dict) and choices(items, {}) is not None)


def item_schema(node: dict) -> dict:
    items = node.get("items")
    return items if isinstance(items, dict) else {"type": "string"}
