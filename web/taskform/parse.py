"""Read a submitted task form back into JSON data shaped by the form's schema.

Values that do not convert (a word in a number field, an unknown choice) are passed on
as they were typed, so the form validation names the field and says what is wrong.
Empty inputs are left out, so a required field reports "This field is required.".
"""

import math
import re
from datetime import datetime
from typing import Any

from django.utils import timezone

from . import schema as s
from .fields import PREFIX

_MISSING = object()
_INTEGER = re.compile(r"^[+-]?\d+$")


def parse_form(form_schema: dict, ui_schema: dict | None, post, initial: dict | None) -> dict:
    """The data of a submitted form; read-only and hidden fields keep their initial value."""
    ui = ui_schema if isinstance(ui_schema, dict) else {}
    data = _object(form_schema, ui, post, PREFIX, initial if isinstance(initial, dict) else {})
    return data if isinstance(data, dict) else {}


def _object(node: dict, ui: dict, post, name: str, initial: Any):
    initial = initial if isinstance(initial, dict) else {}
    data = {}
    for prop, sub in s.ordered_properties(node, ui):
        sub_ui = s.ui_for(ui, prop)
        if s.hidden(sub_ui) or s.read_only(sub, sub_ui):
            if prop in initial:
                data[prop] = initial[prop]
            continue
        value = _value(sub, sub_ui, post, f"{name}.{prop}", initial.get(prop))
        if value is not _MISSING:
            data[prop] = value
    return data


def _value(node: dict, ui: dict, post, name: str, initial: Any):
    kind = s.json_type(node)
    options = s.choices(node, ui)
    if options is not None:
        return _choice(post.get(name, ""), options, node)
    if kind == "boolean":
        if s.widget(ui) in ("radio", "select"):
            return {"true": True, "false": False}.get(post.get(name, ""), _MISSING)
        return name in post
    if kind == "object":
        data = _object(node, ui, post, name, initial)
        return data if data or not _blank_under(post, name) else _MISSING
    if kind == "array":
        return _array(node, ui, post, name, initial)
    raw = post.get(name, _MISSING)
    if raw is _MISSING:
        return _MISSING
    text = raw if s.widget(ui) == "textarea" else raw.strip()
    if text == "":
        return None if s.nullable(node) else _MISSING
    return _scalar(text, node)


def _scalar(text: str, node: dict):
    kind = s.json_type(node)
    if kind == "integer":
        return _integer(text)
    if kind == "number":
        return _number(text)
    if node.get("format") == "date-time":
        return _date_time(text)
    return text


def _choice(raw: str, options: list, node: dict):
    if raw == "":
        return None if s.nullable(node) else _MISSING
    for value, _label in options:
        if s.as_text(value) == raw:
            return value
    return raw


def _array(node: dict, ui: dict, post, name: str, initial: Any):
    items_node = s.item_schema(node)
    items_ui = s.ui_for(ui, "items")
    if not s.is_line_items(node):
        options = s.choices(items_node, items_ui)
        if options is None:  # record choices left as a reference: typed by the schema
            return [_scalar(raw.strip(), items_node) for raw in post.getlist(name) if raw != ""]
        return [_choice(raw, options, items_node) for raw in post.getlist(name) if raw != ""]
    rows = []
    for index in _row_indexes(post, name):
        row_name = f"{name}.{index}"
        if _blank_under(post, row_name):
            continue
        if s.json_type(items_node) == "object":
            rows.append(_object(items_node, items_ui, post, row_name, {}))
        else:
            value = _value(items_node, items_ui, post, row_name, None)
            if value is not _MISSING:
                rows.append(value)
    if not rows and not node.get("minItems"):
        return _MISSING
    return rows


def _row_indexes(post, name: str) -> list[int]:
    """Row numbers present in the submission, in order (rows may have been removed)."""
    start = name + "."
    found = set()
    for key in post:
        if key.startswith(start):
            head = key[len(start) :].split(".", 1)[0]
            if head.isdigit():
                found.add(int(head))
    return sorted(found)


def _blank_under(post, name: str) -> bool:
    """True when every input at or under `name` is empty (an unused line-item row)."""
    start = name + "."
    for key in post:
        inside = key == name or key.startswith(start)
        if inside and any(value.strip() for value in post.getlist(key)):
            return False
    return True


def _integer(text: str):
    if _INTEGER.match(text):
        return int(text)
    number = _number(text)
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return text


def _number(text: str):
    if _INTEGER.match(text):
        return int(text)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma, as many keyboards type it
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _date_time(text: str):
    """A datetime-local value ("2025-03-01T09:30") as RFC 3339 in the current time zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.isoformat()
