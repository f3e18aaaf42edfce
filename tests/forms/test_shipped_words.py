"""The shipped forms' words are marked for the catalogues (forms/shipped_words.py), and
the task page's translation of a form reaches the same words."""

import json
from pathlib import Path

from django.utils import translation

from forms.shipped_words import FORM_WORDS
from web.taskform.words import _SCHEMA_WORDS, _UI_WORDS, translated_form

SCHEMAS = Path(__file__).resolve().parents[2] / "forms" / "schemas"


def _words(node, found: set, *, ui: bool) -> set:
    """Every word the page translates: what translated_form changes in a marked copy."""
    keys = _UI_WORDS if ui else _SCHEMA_WORDS

    def walk(value, records: bool = False) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item, records)
        elif isinstance(value, dict):
            of_records = records or "x-choices" in value
            for key, item in value.items():
                if key in keys and isinstance(item, str):
                    if not records:
                        found.add(item)
                elif key == "ui:enumNames" and ui:
                    found.update(item)
                elif key in ("const", "enum", "default", "examples", "x-choices"):
                    continue
                elif key in ("oneOf", "anyOf", "items") and not ui:
                    walk(item, of_records)
                else:
                    walk(item)

    walk(node)
    return found


def test_every_word_of_the_shipped_forms_is_marked():
    found: set = set()
    for path in sorted(SCHEMAS.glob("*.json")):
        _words(json.loads(path.read_text()), found, ui="uischema" in path.name)
    with translation.override("en"):
        assert {str(word) for word in FORM_WORDS} == found


def test_a_form_in_french_keeps_record_names_and_unknown_words():
    form = {
        "schema": {
            "title": "Record the payment",
            "properties": {
                "customer": {
                    "title": "Customer",
                    "x-choices": "customer",
                    "oneOf": [{"const": 1, "title": "Product"}],
                },
                "method": {"title": "Method", "oneOf": [{"const": "cash", "title": "Cash"}]},
                "mine": {"title": "A process owner's own words"},
            },
        },
        "ui_schema": {"ok": {"ui:enumNames": ["Approve", "Reject"]}},
    }
    with translation.override("fr"):
        shown = translated_form(form)
    properties = shown["schema"]["properties"]
    assert shown["schema"]["title"] == "Enregistrer le paiement"
    assert properties["customer"]["title"] == "Client"
    assert properties["customer"]["oneOf"][0]["title"] == "Product"  # a record's name
    assert properties["method"]["oneOf"][0]["title"] == "Espèces"
    assert properties["mine"]["title"] == "A process owner's own words"
    assert shown["ui_schema"]["ok"]["ui:enumNames"] == ["Approuver", "Rejeter"]
    assert form["schema"]["title"] == "Record the payment"  # the stored form is untouched
