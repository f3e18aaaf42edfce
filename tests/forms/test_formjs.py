"""form-js schemas (the studio's form editor) and the engine's JSON Schema forms, both ways."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from forms import load_form
from forms.formjs import FormConversionError, from_formjs, to_formjs
from forms.loader import ui_schema_name_for

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    p
    for folder in ("forms/schemas", "tests/fixtures")
    for p in (ROOT / folder).glob("*schema.json")
    if not p.name.endswith("uischema.json")
)


def _ui(path: Path) -> dict:
    ui_path = path.with_name(ui_schema_name_for(path.name))
    return json.loads(ui_path.read_text()) if ui_path.exists() else {}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_form_comes_back_from_the_editors_format_unchanged(path):
    schema = json.loads(path.read_text())
    ui = _ui(path)
    form = to_formjs(schema, ui)
    # What the editor sends back is JSON: the form goes through it as text.
    back_schema, back_ui = from_formjs(json.loads(json.dumps(form)))
    assert back_schema == schema
    assert back_ui == ui


def test_shipped_forms_are_all_covered():
    assert len(SHIPPED) >= 20


def test_a_form_made_in_the_editor_becomes_a_schema_the_engine_loads(tmp_path):
    form = {
        "type": "default",
        "components": [
            {
                "type": "radio",
                "key": "approved",
                "label": "Decision",
                "values": [
                    {"label": "Approve", "value": True},
                    {"label": "Reject", "value": False},
                ],
                "validate": {"required": True},
            },
            {
                "type": "textarea",
                "key": "comment",
                "label": "Comment",
                "validate": {"maxLength": 500},
            },
            {
                "type": "number",
                "key": "limit",
                "label": "Limit",
                "decimalDigits": 0,
                "validate": {"min": 0, "max": 10},
            },
            {"type": "select", "key": "customer", "label": "Customer", "valuesKey": "customer"},
        ],
    }
    schema, ui = from_formjs(form)
    assert schema["required"] == ["approved"]
    assert schema["properties"]["approved"] == {"type": "boolean", "title": "Decision"}
    assert ui["approved"] == {"ui:widget": "radio", "ui:enumNames": ["Approve", "Reject"]}
    assert schema["properties"]["comment"] == {
        "type": "string",
        "title": "Comment",
        "maxLength": 500,
    }
    assert ui["comment"] == {"ui:widget": "textarea"}
    assert schema["properties"]["limit"] == {
        "type": "integer",
        "title": "Limit",
        "minimum": 0,
        "maximum": 10,
    }
    assert schema["properties"]["customer"] == {
        "type": "integer",
        "title": "Customer",
        "x-choices": "customer",
    }
    assert list(schema["properties"]) == ["approved", "comment", "limit", "customer"]
    (tmp_path / "approval-schema.json").write_text(json.dumps(schema))
    assert load_form("approval-schema.json", forms_dir=tmp_path) == schema


@pytest.mark.parametrize(
    ("component", "words"),
    [
        ({"type": "image", "label": "Logo"}, "The field \"Logo\" is a 'image', which"),
        ({"type": "textfield", "label": "Name"}, "The field “Name” has no key"),
        ({"type": "textfield", "key": "first name", "label": "Name"}, "is not a variable name"),
        ({"type": "select", "key": "pick", "label": "Pick"}, "has no options"),
    ],
)
def test_what_the_engine_cannot_read_is_refused_naming_the_field(component, words):
    with pytest.raises(FormConversionError) as caught:
        from_formjs({"type": "default", "components": [component]})
    assert words in caught.value.message


def test_two_fields_with_one_key_are_refused():
    field = {"type": "textfield", "key": "note", "label": "Note"}
    with pytest.raises(FormConversionError, match="Two fields have the key “note”"):
        from_formjs({"components": [field, dict(field)]})


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Deux champs dans « Lignes » ont la clé « qty »."),
        ("ru", "Два поля в «Lignes» имеют ключ «qty»."),
    ],
)
def test_the_editor_is_told_what_is_wrong_in_its_language(language, expected):
    field = {"type": "number", "key": "qty", "label": "Quantité"}
    rows = [field, dict(field)]
    lines = {"type": "dynamiclist", "path": "lines", "label": "Lignes", "components": rows}
    with translation.override(language), pytest.raises(FormConversionError) as caught:
        from_formjs({"components": [lines]})
    assert caught.value.message == expected


def test_something_else_than_a_form_is_refused():
    with pytest.raises(FormConversionError, match="no list of components"):
        from_formjs(["not", "a", "form"])


def test_a_list_of_rows_retyped_to_a_kind_the_engine_lacks_is_refused_by_its_path():
    rows = [{"type": "number", "key": "qty", "label": "Quantity"}]
    retyped = {"type": "taglist", "path": "lines", "label": "Lines", "components": rows}
    with pytest.raises(FormConversionError) as caught:
        from_formjs({"components": [retyped]})
    assert caught.value.field == "lines" and "'taglist'" in caught.value.message
