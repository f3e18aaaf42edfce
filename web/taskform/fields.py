"""Turn a task's JSON Schema + UI schema + values + errors into fields a template renders."""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import schema as s

PREFIX = "f"
INDEX = "__index__"  # placeholder in the names of a line-item row template


@dataclass
class Field:
    name: str  # the <input name>: "f.lines.0.quantity"
    path: str  # the error key from form validation: "lines.0.quantity"
    label: str
    kind: str  # text textarea integer number date datetime time email password select document
    # radio checkbox multiselect checkboxes object items
    required: bool = False
    help: str = ""
    placeholder: str = ""
    value: Any = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    children: list["Field"] = field(default_factory=list)
    rows: list[list["Field"]] = field(default_factory=list)
    template_row: list["Field"] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    read_only: bool = False
    next_index: int = 0

    @property
    def input_id(self) -> str:
        return "id_" + self.name.replace(".", "-")

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def filled_rows(self) -> list[list["Field"]]:
        """The lines with something in them: the read-only page leaves out an empty one."""
        return [row for row in self.rows if any(cell.value not in ("", None, []) for cell in row)]

    @property
    def shown(self) -> str:
        """The value as a reader sees it (web.taskform.shown)."""
        from .shown import shown

        return shown(self)


def build_fields(
    form_schema: dict, ui_schema: dict | None, values: dict | None, errors: dict | None
) -> list[Field]:
    """The top-level fields of a form, in order, with values and field errors filled in."""
    ui = ui_schema if isinstance(ui_schema, dict) else {}
    builder = _Builder(errors or {})
    return builder.object_fields(form_schema, ui, values or {}, name=PREFIX, path="")


def leftover_errors(fields: list[Field], errors: dict) -> list[str]:
    """Messages whose key is no rendered field (shown above the form)."""
    shown: set[str] = set()

    def collect(items):
        for item in items:
            shown.add(item.path)
            collect(item.children)
            for row in item.rows:
                collect(row)

    collect(fields)
    return [
        f"{_readable(key)}: {message}" if key != "__all__" else message
        for key, messages in errors.items()
        if key not in shown
        for message in messages
    ]


def _readable(key: str) -> str:
    return key.replace(".", " › ")


class _Builder:
    def __init__(self, errors: dict):
        self.errors = errors

    def object_fields(self, node: dict, ui: dict, values: Any, *, name: str, path: str):
        values = values if isinstance(values, dict) else {}
        required = node.get("required") if isinstance(node.get("required"), list) else []
        fields = []
        for prop, sub in s.ordered_properties(node, ui):
            sub_ui = s.ui_for(ui, prop)
            if s.hidden(sub_ui):
                continue
            fields.append(
                self.field(
                    sub,
                    sub_ui,
                    values.get(prop, sub.get("default")),
                    name=f"{name}.{prop}",
                    path=f"{path}.{prop}" if path else prop,
                    label=sub_ui.get("ui:title") or sub.get("title") or _title(prop),
                    required=prop in required,
                )
            )
        return fields

    def field(self, node, ui, value, *, name, path, label, required) -> Field:
        kind = s.json_type(node)
        item = Field(
            name=name,
            path=path,
            label=str(label),
            kind="text",
            required=required,
            help=str(
                ui.get("ui:help") or ui.get("ui:description") or node.get("description") or ""
            ),
            placeholder=str(ui.get("ui:placeholder") or ""),
            errors=list(self.errors.get(path, [])),
            read_only=s.read_only(node, ui),
        )
        options = s.choices(node, ui)
        widget = s.widget(ui)
        if options is not None:
            item.kind = "radio" if widget == "radio" else "select"
            item.choices = [(s.as_text(v), lbl) for v, lbl in options]
            item.value = s.as_text(value)
        elif kind == "boolean":
            if widget in ("radio", "select"):
                # A decision names its two answers: "ui:enumNames": ["Approve", "Reject"].
                names = ui.get("ui:enumNames")
                yes, no = names if isinstance(names, list) and len(names) == 2 else (None, None)
                item.kind = widget
                item.choices = [("true", str(yes or _("Yes"))), ("false", str(no or _("No")))]
                item.value = s.as_text(value) if value is not None else ""
            else:
                item.kind = "checkbox"
                item.value = bool(value)
        elif kind == "object":
            item.kind = "object"
            item.children = self.object_fields(node, ui, value, name=name, path=path)
        elif kind == "array":
            self._array(item, node, ui, value)
        elif kind in ("integer", "number"):
            item.kind = kind
            item.value = s.as_text(value)
            item.attrs = _number_attrs(node, kind)
        else:
            self._text(item, node, ui, value)
        return item

    def _text(self, item: Field, node: dict, ui: dict, value: Any) -> None:
        fmt = node.get("format")
        widget = s.widget(ui)
        item.value = s.as_text(value)
        if widget == "document":
            # A document the case made (a quotation's PDF): a link to open it, on this site.
            item.kind = "document"
            text = item.value
            item.value = text if text.startswith("/") and not text.startswith("//") else ""
        elif widget == "textarea":
            item.kind = "textarea"
            options = ui.get("ui:options") if isinstance(ui.get("ui:options"), dict) else {}
            item.attrs = {"rows": options.get("rows", 3)}
        elif widget == "password":
            item.kind = "password"
        elif fmt == "date" or widget == "date":
            item.kind = "date"
        elif fmt == "date-time" or widget == "datetime":
            item.kind = "datetime"
            item.value = _local_datetime(value)
        elif fmt == "time":
            item.kind = "time"
        elif fmt == "email" or widget == "email":
            item.kind = "email"
        if isinstance(node.get("maxLength"), int):
            item.attrs["maxlength"] = node["maxLength"]

    def _array(self, item: Field, node: dict, ui: dict, value: Any) -> None:
        values = value if isinstance(value, list) else []
        items_node = s.item_schema(node)
        items_ui = s.ui_for(ui, "items")
        if not s.is_line_items(node):
            options = s.choices(items_node, items_ui) or []
            item.kind = "checkboxes" if s.widget(ui) == "checkboxes" else "multiselect"
            item.choices = [(s.as_text(v), lbl) for v, lbl in options]
            item.value = [s.as_text(v) for v in values]
            return
        item.kind = "items"
        count = max(len(values), node.get("minItems") or 0, 1)
        for index in range(count):
            row_value = values[index] if index < len(values) else None
            item.rows.append(self._row(items_node, items_ui, row_value, item, str(index)))
        item.template_row = _Builder({})._row(items_node, items_ui, None, item, INDEX)
        item.columns = [cell.label for cell in item.template_row]
        item.next_index = count

    def _row(self, node: dict, ui: dict, value: Any, parent: Field, index: str) -> list[Field]:
        name, path = f"{parent.name}.{index}", f"{parent.path}.{index}"
        if s.json_type(node) == "object":
            return self.object_fields(node, ui, value, name=name, path=path)
        label = ui.get("ui:title") or node.get("title") or parent.label
        return [self.field(node, ui, value, name=name, path=path, label=label, required=True)]


def _number_attrs(node: dict, kind: str) -> dict:
    attrs = {"step": node.get("multipleOf") or ("1" if kind == "integer" else "any")}
    for keyword, attr in (("minimum", "min"), ("maximum", "max")):
        if isinstance(node.get(keyword), int | float):
            attrs[attr] = node[keyword]
    return attrs


def _local_datetime(value: Any) -> str:
    """An ISO date-time as a datetime-local input shows it (local time, minutes)."""
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        return s.as_text(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _title(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()
