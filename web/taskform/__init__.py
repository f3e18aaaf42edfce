"""Task forms rendered on the server from the task's JSON Schema and UI schema."""

from . import schema as s
from .fields import Field, build_fields, leftover_errors
from .parse import parse_form

__all__ = [
    "Field",
    "build_fields",
    "form_initial",
    "input_mapping",
    "leftover_errors",
    "parse_form",
]


def input_mapping(text: str) -> dict[str, str]:
    """{field: variable path} from a user task's `formInput` property: "carrier" or
    "received_by=order.contact_name", comma-separated."""
    mapping = {}
    for part in (text or "").split(","):
        field, _, path = part.partition("=")
        field, path = field.strip(), path.strip() or field.strip()
        if field:
            mapping[field] = path
    return mapping


def _lookup(data: dict, path: str):
    value = data
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


_MISSING = object()


def form_initial(
    form_schema: dict,
    task_data: dict,
    *,
    ui_schema: dict | None = None,
    own: dict | None = None,
    mapping: dict[str, str] | None = None,
) -> dict:
    """What the form shows first. A field to fill in starts from what this same step
    entered before in this case (`own`: the process sent it back), else from what the
    diagram maps into it (`mapping`, the task's formInput), else its default, else empty —
    never from another step's variable that happens to have its name. Read-only and
    hidden fields show the case's data of their name: the form is there to show it."""
    properties = form_schema.get("properties") if isinstance(form_schema, dict) else None
    if not isinstance(properties, dict):
        return {}
    data = task_data if isinstance(task_data, dict) else {}
    own = own if isinstance(own, dict) else {}
    mapping = mapping or {}
    ui = ui_schema if isinstance(ui_schema, dict) else {}
    initial = {}
    for name, node in properties.items():
        node = node if isinstance(node, dict) else {}
        sub_ui = s.ui_for(ui, name)
        if s.read_only(node, sub_ui) or s.hidden(sub_ui):
            if name in data:
                initial[name] = data[name]
        elif name in own:
            initial[name] = own[name]
        elif name in mapping and (value := _lookup(data, mapping[name])) is not _MISSING:
            initial[name] = value
        elif "default" in node:
            initial[name] = node["default"]
    return initial
