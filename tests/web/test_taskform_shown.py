"""A field's value as the read-only task page shows it: names, yes / no, the reader's
number and date formats — never a code or an ISO date."""

from django.utils import translation

from web.taskform import build_fields

SCHEMA = {
    "type": "object",
    "properties": {
        "customer": {"type": "string", "oneOf": [{"const": "7", "title": "Acme Ltd"}]},
        "urgent": {"type": "boolean"},
        "accepted": {"type": "boolean"},
        "quantity": {"type": "number"},
        "due": {"type": "string", "format": "date"},
        "note": {"type": "string"},
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}},
            },
        },
    },
}
UI = {"accepted": {"ui:widget": "radio", "ui:enumNames": ["Accept", "Decline"]}}
VALUES = {
    "customer": "7",
    "urgent": True,
    "accepted": False,
    "quantity": 1234.5,
    "due": "2025-03-04",
    "note": "",
    "lines": [{"sku": "DESK", "qty": 2}],
}


def shown(language: str) -> dict[str, str]:
    with translation.override(language):
        fields = build_fields(SCHEMA, UI, VALUES, {})
        return {field.path: field.shown for field in fields if field.kind != "items"}


def test_values_read_as_names_yes_no_and_local_formats():
    english = shown("en")
    assert english == {
        "customer": "Acme Ltd",
        "urgent": "Yes",
        "accepted": "Decline",
        "quantity": "1,234.5",
        "due": "Tuesday, March 4, 2025",
        "note": "—",
    }
    french = shown("fr")
    assert french["urgent"] == "Oui"
    assert "4 mars 2025" in french["due"]
    assert french["quantity"].replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"


def test_a_line_table_shows_each_cell_as_text():
    lines = next(field for field in build_fields(SCHEMA, UI, VALUES, {}) if field.kind == "items")
    assert [[cell.shown for cell in row] for row in lines.rows] == [["DESK", "2"]]


def test_an_empty_line_is_left_out_of_the_values():
    empty = {**VALUES, "lines": [{"sku": "", "qty": None}, {"sku": "LAMP", "qty": 1}]}
    lines = next(field for field in build_fields(SCHEMA, UI, empty, {}) if field.kind == "items")
    assert [[cell.shown for cell in row] for row in lines.filled_rows] == [["LAMP", "1"]]
