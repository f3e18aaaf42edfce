import sys

import pytest
from django.utils import translation
from jsonschema import Draft202012Validator

from forms.validation import CHOICES_MESSAGE, form_defaults, validate_form_data

ORDER = {
    "type": "object",
    "required": ["customer", "lines"],
    "properties": {
        "customer": {"type": "string", "minLength": 1},
        "delivery_date": {"type": "string", "format": "date"},
        "contact_email": {"type": "string", "format": "email"},
        "priority": {"type": "string", "enum": ["low", "high"], "default": "low"},
        "lines": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["product", "quantity"],
                "properties": {
                    "product": {"type": "string"},
                    "quantity": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}
VALID = {
    "customer": "ACME",
    "delivery_date": "2025-03-31",
    "contact_email": "buyer@acme.example",
    "lines": [{"product": "SKU-1", "quantity": 2}],
}


def test_valid_data_has_no_errors():
    assert validate_form_data(ORDER, VALID) == {}


def test_missing_required_fields_are_reported_under_their_own_names():
    assert validate_form_data(ORDER, {}) == {
        "customer": ["This field is required."],
        "lines": ["This field is required."],
    }


def test_errors_in_array_items_are_keyed_by_index():
    data = {**VALID, "lines": [{"product": "SKU-1", "quantity": 1}, {"quantity": 0}]}

    assert validate_form_data(ORDER, data) == {
        "lines.1.product": ["This field is required."],
        "lines.1.quantity": ["Must be at least 1."],
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("delivery_date", "2025-02-30", "Not a valid date."),
        ("delivery_date", "31/03/2025", "Not a valid date."),
        ("contact_email", "not-an-address", "Not a valid email address."),
        ("priority", "urgent", "Must be one of the listed choices."),
        ("customer", "", "Must not be empty."),
        ("customer", 42, "Must be text."),
        ("lines", [], "Must have at least 1 item."),
    ],
)
def test_field_errors_have_human_messages(field, value, message):
    assert validate_form_data(ORDER, {**VALID, field: value}) == {field: [message]}


def test_date_time_needs_a_time_zone():
    schema = {"properties": {"at": {"type": "string", "format": "date-time"}}}

    assert validate_form_data(schema, {"at": "2025-03-31T10:00:00+02:00"}) == {}
    assert validate_form_data(schema, {"at": "2025-03-31T10:00:00Z"}) == {}
    assert validate_form_data(schema, {"at": "2025-03-31T10:00:00"}) == {
        "at": ["Not a valid date and time."]
    }


@pytest.mark.parametrize("data", [None, [], "text", 3, True])
def test_wrong_top_level_type_is_not_tied_to_a_field(data):
    assert validate_form_data(ORDER, data) == {"__all__": ["Must be an object."]}


def test_unexpected_fields_are_named_when_extra_fields_are_forbidden():
    schema = {"type": "object", "properties": {"a": {}}, "additionalProperties": False}

    assert validate_form_data(schema, {"a": 1, "b": 2}) == {"b": ["Unknown field."]}


def test_unmapped_keywords_fall_back_to_the_jsonschema_message():
    schema = {"type": "object", "maxProperties": 1}

    errors = validate_form_data(schema, {"a": 1, "b": 2})

    assert list(errors) == ["__all__"]
    assert "too many properties" in errors["__all__"][0]


def test_older_draft_is_honoured():
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "properties": {"qty": {"type": "number", "minimum": 1, "exclusiveMinimum": True}},
    }

    assert validate_form_data(schema, {"qty": 1}) != {}
    assert validate_form_data(schema, {"qty": 2}) == {}


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "strin"},
        {"properties": {"a": {"pattern": "("}}},
        {"$ref": "#/$defs/missing"},
        {"$ref": "https://example.com/remote.json"},
        {"required": 5},
        "not a dict",
    ],
)
def test_broken_schema_never_raises(schema):
    errors = validate_form_data(schema, {"a": "x"})

    assert list(errors) == ["__all__"]


def test_deeply_nested_data_never_raises():
    data: list = []
    for _ in range(5000):
        data = [data]
    schema = {"items": {"$ref": "#"}, "type": "array"}

    assert validate_form_data(schema, data) == {
        "__all__": ["The data is nested too deeply to check."]
    }


def _choice(value, title="x"):
    return {"const": value, "title": title}


@pytest.mark.parametrize(
    ("choices", "value"),
    [
        ([_choice(1), _choice(2)], 2),
        ([_choice(1), _choice(2)], 2.0),  # JSON Schema: 2.0 is 2
        ([_choice(1), _choice(2)], 3),
        ([_choice(1), _choice(2)], True),  # ...but true is not 1
        ([_choice(1), _choice(2)], "1"),
        ([_choice("a"), _choice(3)], "a"),
        ([_choice("a"), _choice(3)], None),
        ([_choice(1), _choice(1)], 1),  # a repeated choice matches twice
        ([_choice(1), {"const": 2, "type": "integer"}], 2),  # not a plain choice list
        ([_choice(1.5), _choice(2)], 1.5),
        ([_choice(True), _choice(1)], 1),
        ([], 1),
    ],
)
def test_a_choice_list_accepts_what_one_of_accepts(choices, value):
    schema = {"properties": {"pick": {"oneOf": choices}}}
    jsonschema_says = Draft202012Validator(schema).is_valid({"pick": value})

    errors = validate_form_data(schema, {"pick": value})

    assert (errors == {}) is jsonschema_says
    if choices and errors:
        assert errors == {"pick": [CHOICES_MESSAGE]}


def test_a_long_choice_list_is_checked_at_once():
    """A choice list is one set lookup: jsonschema's `const` check, which it would run once
    per choice (~2 s for 50,000), is never called. Counted, not timed."""
    customers = [_choice(pk, f"Customer {pk}") for pk in range(50_000)]
    schema = {"properties": {"customer": {"type": "integer", "oneOf": customers}}}
    const_code = Draft202012Validator.VALIDATORS["const"].__code__
    calls = []

    def count(frame, event, arg):
        if event == "call" and frame.f_code is const_code:
            calls.append(1)

    sys.setprofile(count)
    try:
        accepted = validate_form_data(schema, {"customer": 49_999})
        refused = validate_form_data(schema, {"customer": 50_000})
    finally:
        sys.setprofile(None)

    assert accepted == {}
    assert refused == {"customer": [CHOICES_MESSAGE]}
    assert calls == []


def test_form_defaults_are_the_top_level_defaults():
    assert form_defaults(ORDER) == {"priority": "low"}
    assert form_defaults({"properties": []}) == {}
    assert form_defaults(None) == {}


def test_the_messages_are_in_the_readers_language():
    data = {"customer": "", "delivery_date": "soon", "lines": [{"product": "x", "quantity": 0}]}
    schema = {**ORDER, "properties": {**ORDER["properties"], "tags": {"maxItems": 2}}}
    data["tags"] = ["a", "b", "c", "d", "e"]
    with translation.override("ru"):
        errors = validate_form_data(schema, data)
    assert errors == {
        "customer": ["Не должно быть пустым."],
        "delivery_date": ["Неверная дата."],
        "lines.0.quantity": ["Должно быть не меньше 1."],
        "tags": ["Должно быть не больше 2 элементов."],
    }
    with translation.override("fr"):
        assert validate_form_data(ORDER, {"lines": []}) == {
            "customer": ["Ce champ est obligatoire."],
            "lines": ["Doit avoir au moins 1 élément."],
        }
