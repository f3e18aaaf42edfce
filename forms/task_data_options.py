"""Choices taken from the task's data, as SpiffArena's forms write them.

A SpiffArena form lists a field's choices from a variable of the case:
`"anyOf": ["options_from_task_data_var:fruits"]`, with `fruits` a list of
`{"value": …, "label": …}`. That is not JSON Schema, so the loader rewrites it to
`"x-choices-from-data": "fruits"` (`from_placeholders`); when the task's form is shown or
checked, `fill_from_data` turns it into the `oneOf` of `{"const", "title"}` the page shows
as a choice list and validation checks. A variable that is missing or lists nothing usable
offers no choice (`enum: []`), so no value passes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from forms.choices import choice_value

PLACEHOLDER = "options_from_task_data_var:"
KEYWORD = "x-choices-from-data"


def _placeholder_name(value: Any) -> str | None:
    only = value[0] if isinstance(value, list) and len(value) == 1 else None
    if isinstance(only, str) and only.startswith(PLACEHOLDER):
        return only[len(PLACEHOLDER) :].strip()
    return None


def _walk(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, visit)
    elif isinstance(node, dict):
        visit(node)
        for key, value in node.items():
            if key not in ("enum", "const", "default", "examples"):
                _walk(value, visit)


def from_placeholders(schema: Any) -> Any:
    """`schema` with SpiffArena's `anyOf: ["options_from_task_data_var:x"]` written as
    `x-choices-from-data: "x"` (in place; the schema is returned)."""

    def visit(node: dict[str, Any]) -> None:
        name = _placeholder_name(node.get("anyOf"))
        if name is not None:
            del node["anyOf"]
            node[KEYWORD] = name

    _walk(schema, visit)
    return schema


def takes_choices_from_data(schema: Any) -> bool:
    found = False

    def visit(node: dict[str, Any]) -> None:
        nonlocal found
        found = found or KEYWORD in node

    _walk(schema, visit)
    return found


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _options(listed: Any) -> list[dict[str, Any]]:
    """The {const, title} choices of a list of {value, label}; others are left out."""
    options: dict[Any, str] = {}
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, dict):
            continue
        value = choice_value(item.get("value"))
        if value is not None and value not in options:
            options[value] = str(item.get("label", value))
    return [{"const": value, "title": label} for value, label in options.items()]


def fill_from_data(schema: dict[str, Any], data: Any) -> dict[str, Any]:
    """A copy of `schema` whose fields taking choices from the task's data offer them."""
    filled = copy.deepcopy(schema)

    def visit(node: dict[str, Any]) -> None:
        name = node.pop(KEYWORD, None)
        if not isinstance(name, str):
            return
        options = _options(_at(data, name)) if name else []
        node.pop("enum", None)
        if options:
            node["oneOf"] = options
        else:
            node["enum"] = []

    _walk(filled, visit)
    return filled
