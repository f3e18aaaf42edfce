"""Forms from JSON Schema + UI schema: what is rendered, and what a submission becomes."""

from django.http import QueryDict
from django.utils import timezone

from forms.validation import validate_form_data
from web.taskform import build_fields, leftover_errors, parse_form

SCHEMA = {
    "type": "object",
    "required": ["customer", "lines"],
    "properties": {
        "customer": {
            "title": "Customer",
            "oneOf": [{"const": 7, "title": "Fjord Trading"}, {"const": 9, "title": "Nordlys"}],
        },
        "channel": {"type": "string", "enum": ["phone", "email"]},
        "delivery": {"type": "string", "format": "date", "title": "Delivery date"},
        "call_at": {"type": "string", "format": "date-time"},
        "express": {"type": "boolean", "title": "Express"},
        "notes": {"type": "string"},
        "tags": {"type": "array", "items": {"enum": ["new", "vip"]}},
        "address": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
        },
        "reference": {"type": "string", "readOnly": True},
        "lines": {
            "type": "array",
            "minItems": 1,
            "title": "Order lines",
            "items": {
                "type": "object",
                "required": ["sku", "quantity"],
                "properties": {
                    "sku": {"type": "string", "enum": ["A-1", "B-2"], "title": "Product"},
                    "quantity": {"type": "integer", "minimum": 1, "title": "Quantity"},
                    "gift": {"type": "boolean", "title": "Gift"},
                },
            },
        },
    },
}
UI = {
    "ui:order": ["customer", "*", "lines"],
    "notes": {"ui:widget": "textarea", "ui:help": "Anything the warehouse should know"},
    "channel": {"ui:widget": "radio"},
    "tags": {"ui:widget": "checkboxes"},
}


def post(pairs: list[tuple[str, str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    return query


def by_path(fields):
    found = {}

    def walk(items):
        for item in items:
            found[item.path] = item
            walk(item.children)
            for row in item.rows:
                walk(row)

    walk(fields)
    return found


def test_fields_follow_schema_types_and_ui_schema():
    fields = build_fields(SCHEMA, UI, {"reference": "R-1", "lines": [{"sku": "B-2"}]}, {})
    assert [f.path for f in fields][0] == "customer"
    assert [f.path for f in fields][-1] == "lines"
    found = by_path(fields)
    assert found["customer"].kind == "select"
    assert found["customer"].choices == [("7", "Fjord Trading"), ("9", "Nordlys")]
    assert found["customer"].required
    assert found["channel"].kind == "radio"
    assert found["delivery"].kind == "date"
    assert found["call_at"].kind == "datetime"
    assert found["express"].kind == "checkbox"
    assert found["notes"].kind == "textarea"
    assert found["notes"].help == "Anything the warehouse should know"
    assert found["tags"].kind == "checkboxes"
    assert found["address"].kind == "object"
    assert found["address.city"].name == "f.address.city"
    assert found["reference"].read_only and found["reference"].value == "R-1"
    lines = found["lines"]
    assert lines.kind == "items"
    assert lines.columns == ["Product", "Quantity", "Gift"]
    assert found["lines.0.sku"].value == "B-2"
    assert [cell.name for cell in lines.template_row][0] == "f.lines.__index__.sku"
    assert lines.next_index == 1


def test_a_submission_becomes_typed_data_with_rows_renumbered():
    data = parse_form(
        SCHEMA,
        UI,
        post(
            [
                ("f.customer", "9"),
                ("f.channel", "email"),
                ("f.delivery", "2030-05-01"),
                ("f.call_at", "2030-05-01T09:30"),
                ("f.express", "on"),
                ("f.notes", "  ring twice "),
                ("f.tags", "vip"),
                ("f.address.city", "Bergen"),
                ("f.address.zip", ""),
                ("f.reference", "forged"),
                # Row 0 was removed in the browser, row 2 left empty.
                ("f.lines.1.sku", "A-1"),
                ("f.lines.1.quantity", "3"),
                ("f.lines.2.sku", ""),
                ("f.lines.2.quantity", ""),
                ("f.lines.5.sku", "B-2"),
                ("f.lines.5.quantity", "1"),
                ("f.lines.5.gift", "on"),
            ]
        ),
        {"reference": "R-1"},
    )
    call_at = data.pop("call_at")
    assert call_at.startswith("2030-05-01T09:30:00")
    assert data == {
        "customer": 9,
        "channel": "email",
        "delivery": "2030-05-01",
        "express": True,
        "notes": "  ring twice ",
        "tags": ["vip"],
        "address": {"city": "Bergen"},
        "reference": "R-1",
        "lines": [
            {"sku": "A-1", "quantity": 3, "gift": False},
            {"sku": "B-2", "quantity": 1, "gift": True},
        ],
    }
    assert validate_form_data(SCHEMA, {**data, "call_at": call_at}) == {}
    assert timezone.is_aware(timezone.datetime.fromisoformat(call_at))


def test_wrong_values_reach_validation_as_typed_and_errors_land_on_their_fields():
    data = parse_form(
        SCHEMA,
        UI,
        post([("f.customer", "8"), ("f.lines.0.sku", "A-1"), ("f.lines.0.quantity", "two")]),
        {},
    )
    assert data["customer"] == "8"
    assert data["lines"] == [{"sku": "A-1", "quantity": "two", "gift": False}]
    errors = validate_form_data(SCHEMA, data)
    assert errors == {
        "customer": ["Must be one of the listed choices."],
        "lines.0.quantity": ["Must be a whole number."],
    }
    fields = build_fields(SCHEMA, UI, data, errors)
    found = by_path(fields)
    assert found["customer"].errors == ["Must be one of the listed choices."]
    assert found["lines.0.quantity"].errors == ["Must be a whole number."]
    assert found["lines.0.quantity"].value == "two"
    assert leftover_errors(fields, errors) == []


def test_no_lines_at_all_is_reported_on_the_list():
    data = parse_form(SCHEMA, UI, post([("f.lines.0.sku", ""), ("f.lines.0.quantity", "")]), {})
    assert data["lines"] == []
    errors = validate_form_data(SCHEMA, data)
    assert errors["lines"] == ["Must have at least 1 item."]
    assert by_path(build_fields(SCHEMA, UI, data, errors))["lines"].errors == errors["lines"]


def test_errors_for_fields_not_on_the_form_are_listed_above_it():
    fields = build_fields(SCHEMA, UI, {}, {})
    messages = leftover_errors(fields, {"__all__": ["Broken."], "ghost.x": ["Odd."]})
    assert messages == ["Broken.", "ghost › x: Odd."]


def test_record_choices_left_as_references_are_read_by_their_type():
    """A submission is read with the form's record choices not filled in (they are for
    showing the form): the values come out typed as the schema says."""
    schema = {
        "type": "object",
        "properties": {
            "customer": {"type": "integer", "x-choices": "customer"},
            "copies_to": {"type": "array", "x-choices": "customer", "items": {"type": "integer"}},
        },
    }
    data = parse_form(
        schema,
        {"copies_to": {"ui:widget": "checkboxes"}},
        post([("f.customer", " 7 "), ("f.copies_to", "9"), ("f.copies_to", "11")]),
        {},
    )
    assert data == {"customer": 7, "copies_to": [9, 11]}
