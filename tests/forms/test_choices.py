import pytest

from forms.choices import (
    UnknownChoices,
    expand_choices,
    register_choices,
    registered_choices,
    unregister_choices,
)
from forms.validation import validate_form_data

ORDER = {
    "type": "object",
    "required": ["customer"],
    "properties": {
        "customer": {"type": "integer", "title": "Customer", "x-choices": "test-customers"},
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "product": {"type": "string", "x-choices": "test-products"},
                    "quantity": {"type": "integer"},
                },
            },
        },
    },
}


@pytest.fixture
def providers():
    register_choices("test-customers", lambda: [(1, "ACME"), (2, "Globex")])
    register_choices("test-products", lambda: [("SKU-1", "Bolt"), ("SKU-2", "Nut")])
    yield
    unregister_choices("test-customers")
    unregister_choices("test-products")


def test_choices_are_filled_in_at_any_depth(providers):
    expanded = expand_choices(ORDER)

    assert expanded["properties"]["customer"]["oneOf"] == [
        {"const": 1, "title": "ACME"},
        {"const": 2, "title": "Globex"},
    ]
    product = expanded["properties"]["lines"]["items"]["properties"]["product"]
    assert product["oneOf"] == [
        {"const": "SKU-1", "title": "Bolt"},
        {"const": "SKU-2", "title": "Nut"},
    ]


def test_expansion_leaves_the_original_schema_alone(providers):
    expand_choices(ORDER)

    assert "oneOf" not in ORDER["properties"]["customer"]


def test_choices_are_read_each_time(providers):
    expand_choices(ORDER)
    register_choices("test-customers", lambda: [(3, "Initech")])

    customer = expand_choices(ORDER)["properties"]["customer"]

    assert customer["oneOf"] == [{"const": 3, "title": "Initech"}]


def test_validation_after_expansion_rejects_a_value_not_in_the_choices(providers):
    schema = expand_choices(ORDER)

    assert validate_form_data(schema, {"customer": 2, "lines": [{"product": "SKU-1"}]}) == {}
    assert validate_form_data(schema, {"customer": 9, "lines": [{"product": "SKU-9"}]}) == {
        "customer": ["Must be one of the listed choices."],
        "lines.0.product": ["Must be one of the listed choices."],
    }


def test_array_field_offers_its_choices_on_its_items(providers):
    schema = {"properties": {"products": {"type": "array", "x-choices": "test-products"}}}

    expanded = expand_choices(schema)

    assert len(expanded["properties"]["products"]["items"]["oneOf"]) == 2
    assert validate_form_data(expanded, {"products": ["SKU-2", "SKU-7"]}) == {
        "products.1": ["Must be one of the listed choices."]
    }


def test_unknown_provider_names_the_field_and_the_choices():
    schema = {"properties": {"lines": {"items": {"properties": {"p": {"x-choices": "nope"}}}}}}

    with pytest.raises(UnknownChoices, match=r"'lines\[\]\.p'.*'nope'"):
        expand_choices(schema)


def test_provider_without_records_makes_every_value_fail():
    register_choices("test-empty", list)
    schema = {"properties": {"w": {"description": "Warehouse", "x-choices": "test-empty"}}}
    try:
        expanded = expand_choices(schema)
    finally:
        unregister_choices("test-empty")

    assert expanded["properties"]["w"] == {
        "description": "Warehouse",
        "x-choices": "test-empty",
        "enum": [],
    }
    assert validate_form_data(expanded, {"w": "anything"}) == {
        "w": ["No choices are available for this field."]
    }


def test_duplicate_values_are_offered_once():
    register_choices("test-dupes", lambda: [(1, "A"), (1, "A again"), (2, "B")])
    try:
        expanded = expand_choices({"properties": {"x": {"x-choices": "test-dupes"}}})
    finally:
        unregister_choices("test-dupes")

    assert expanded["properties"]["x"]["oneOf"] == [
        {"const": 1, "title": "A"},
        {"const": 2, "title": "B"},
    ]


def test_provider_returning_something_else_is_a_clear_error():
    register_choices("test-bad", lambda: [("only-a-value",)])
    try:
        with pytest.raises(TypeError, match="test-bad"):
            expand_choices({"properties": {"x": {"x-choices": "test-bad"}}})
    finally:
        unregister_choices("test-bad")


def test_register_and_unregister():
    register_choices("test-temp", list)
    assert "test-temp" in registered_choices()

    unregister_choices("test-temp")
    unregister_choices("test-temp")

    assert "test-temp" not in registered_choices()
    with pytest.raises(ValueError, match="non-empty name"):
        register_choices("", list)
