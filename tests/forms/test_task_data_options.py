"""SpiffArena's `options_from_task_data_var:` read as our keyword, and filled from the data."""

from forms.task_data_options import KEYWORD, fill_from_data, from_placeholders
from forms.validation import validate_form_data


def _schema(field: dict) -> dict:
    return from_placeholders({"type": "object", "properties": {"pick": field}})


def test_the_placeholder_becomes_a_keyword_and_the_data_its_choices():
    schema = _schema({"type": "string", "anyOf": ["options_from_task_data_var:fruits"]})
    assert schema["properties"]["pick"] == {"type": "string", KEYWORD: "fruits"}
    data = {"fruits": [{"value": "a", "label": "Apples"}, {"value": 2, "label": "Two"}]}
    filled = fill_from_data(schema, data)
    assert filled["properties"]["pick"]["oneOf"] == [
        {"const": "a", "title": "Apples"},
        {"const": 2, "title": "Two"},
    ]
    assert KEYWORD in schema["properties"]["pick"]  # the stored schema is left as it was
    assert validate_form_data(filled, {"pick": "a"}) == {}
    assert validate_form_data(filled, {"pick": "b"}) == {
        "pick": ["Must be one of the listed choices."]
    }


def test_a_missing_or_unusable_variable_offers_no_choice():
    schema = _schema({"anyOf": ["options_from_task_data_var:fruits"]})
    for data in ({}, {"fruits": "apples"}, {"fruits": [{"label": "no value"}, 3, None]}):
        filled = fill_from_data(schema, data)
        assert filled["properties"]["pick"] == {"enum": []}
        assert validate_form_data(filled, {"pick": "a"}) == {
            "pick": ["No choices are available for this field."]
        }


def test_array_items_and_dotted_paths_are_read_and_repeated_values_kept_once():
    schema = _schema(
        {"type": "array", "items": {"anyOf": ["options_from_task_data_var:order.sizes"]}}
    )
    sizes = [{"value": "s", "label": "Small"}, {"value": "s", "label": "Again"}]
    filled = fill_from_data(schema, {"order": {"sizes": sizes}})
    assert filled["properties"]["pick"]["items"] == {"oneOf": [{"const": "s", "title": "Small"}]}


def test_other_anyof_lists_are_left_alone():
    field = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert _schema(dict(field))["properties"]["pick"] == field
