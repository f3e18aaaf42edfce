"""A form's words in the reader's language: its schema's titles and descriptions and its UI
schema's titles, help and answer names, where the catalogue has them (message context
"form"; the shipped forms' words are listed in forms/shipped_words.py). A process
owner's own words stay as written; record names offered as choices are never translated."""

from typing import Any

from django.utils.translation import pgettext

from forms.choices import CHOICES_KEYWORD

_SCHEMA_WORDS = ("title", "description")
_UI_WORDS = ("ui:title", "ui:description", "ui:help", "ui:placeholder")
_DATA = frozenset({"const", "enum", "default", "examples", CHOICES_KEYWORD})


def form_word(text: str) -> str:
    return pgettext("form", text) if text else text


def translated_form(form: dict | None) -> dict | None:
    """A copy of the form ({"schema", "ui_schema"}) with its words translated."""
    if not form:
        return form
    return {
        **form,
        "schema": _schema(form.get("schema") or {}, records=False),
        "ui_schema": _ui(form.get("ui_schema") or {}),
    }


def _schema(node: Any, *, records: bool) -> Any:
    if isinstance(node, list):
        return [_schema(item, records=records) for item in node]
    if not isinstance(node, dict):
        return node
    of_records = records or CHOICES_KEYWORD in node
    result = {}
    for key, value in node.items():
        if key in _SCHEMA_WORDS and isinstance(value, str):
            result[key] = value if records else form_word(value)
        elif key in _DATA:
            result[key] = value
        elif key in ("oneOf", "anyOf", "items"):
            result[key] = _schema(value, records=of_records)
        else:
            result[key] = _schema(value, records=False)
    return result


def _ui(node: Any) -> Any:
    if isinstance(node, list):
        return [_ui(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in _UI_WORDS and isinstance(value, str):
            result[key] = form_word(value)
        elif key == "ui:enumNames" and isinstance(value, list):
            result[key] = [form_word(v) if isinstance(v, str) else v for v in value]
        else:
            result[key] = _ui(value)
    return result
