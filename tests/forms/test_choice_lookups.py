"""Checking choice fields by asking about the submitted values, not reading every record."""

import pytest

from forms.choices import (
    UnknownChoices,
    existing_choices,
    expand_choices,
    register_choices,
    unregister_choices,
)
from forms.validation import CHOICES_MESSAGE, validate_form_data

RECORDS = {1: "ACME", 2: "Globex", 3: "Initech"}

ORDER = {
    "type": "object",
    "required": ["customer"],
    "properties": {
        "customer": {"type": "integer", "x-choices": "test-records"},
        "copies_to": {"type": "array", "x-choices": "test-records"},
        "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}},
    },
    "$defs": {
        "line": {
            "type": "object",
            "properties": {"supplier": {"type": "integer", "x-choices": "test-records"}},
        }
    },
}


class Records:
    """A choice provider whose full list must not be read, and a lookup that notes its calls."""

    def __init__(self) -> None:
        self.asked: list[list] = []

    def every_record(self) -> list[tuple[int, str]]:
        raise AssertionError("checking a form must not read every record")

    def some_records(self, values: list) -> dict[int, str]:
        self.asked.append(sorted(values, key=repr))
        return {value: RECORDS[value] for value in values if value in RECORDS}


@pytest.fixture
def records():
    records = Records()
    register_choices("test-records", records.every_record, lookup=records.some_records)
    yield records
    unregister_choices("test-records")


@pytest.fixture
def listed_records():
    """A provider without a lookup: checking reads its list, as before lookups existed."""
    register_choices("test-listed", lambda: list(RECORDS.items()))
    yield
    unregister_choices("test-listed")


def test_a_known_record_is_accepted_and_an_unknown_one_is_named(records):
    assert validate_form_data(ORDER, {"customer": 2}) == {}
    assert validate_form_data(ORDER, {"customer": 99}) == {"customer": [CHOICES_MESSAGE]}


def test_each_unknown_record_of_a_multiple_choice_is_named(records):
    assert validate_form_data(ORDER, {"customer": 1, "copies_to": [2, 3]}) == {}
    assert validate_form_data(ORDER, {"customer": 1, "copies_to": [2, 98, 3, 99]}) == {
        "copies_to.1": [CHOICES_MESSAGE],
        "copies_to.3": [CHOICES_MESSAGE],
    }


def test_choices_behind_a_reference_are_checked(records):
    data = {"customer": 1, "lines": [{"supplier": 3}, {"supplier": 42}]}

    assert validate_form_data(ORDER, data) == {"lines.1.supplier": [CHOICES_MESSAGE]}


def test_every_submitted_value_is_asked_about_in_one_call(records):
    data = {"customer": 1, "copies_to": [2, 7], "lines": [{"supplier": 3}, {"supplier": 1}]}

    validate_form_data(ORDER, data)

    assert records.asked == [[1, 2, 3, 7]]


def test_values_compare_as_json_schema_compares_them(records):
    assert validate_form_data(ORDER, {"customer": 2.0}) == {}
    assert validate_form_data(ORDER, {"customer": "2"}) == {
        "customer": ["Must be a whole number.", CHOICES_MESSAGE]
    }
    assert validate_form_data(ORDER, {"customer": True}) == {
        "customer": ["Must be a whole number.", CHOICES_MESSAGE]
    }
    assert validate_form_data(ORDER, {"customer": None}) == {
        "customer": ["Must be a whole number.", CHOICES_MESSAGE]
    }


def test_a_choice_on_a_branch_is_asked_about_when_that_branch_is_tried(records):
    schema = {
        "properties": {
            "pick": {
                "anyOf": [{"type": "string"}, {"type": "integer", "x-choices": "test-records"}]
            }
        }
    }

    assert validate_form_data(schema, {"pick": "free text"}) == {}
    assert validate_form_data(schema, {"pick": 3}) == {}
    assert "pick" in validate_form_data(schema, {"pick": 42})


def test_a_provider_without_lookup_is_checked_against_its_list(listed_records):
    schema = {
        "properties": {
            "customer": {"type": "integer", "x-choices": "test-listed"},
            "copies_to": {"type": "array", "x-choices": "test-listed"},
        }
    }

    assert validate_form_data(schema, {"customer": 3, "copies_to": [1, 2]}) == {}
    assert validate_form_data(schema, {"customer": 4, "copies_to": [1, 5]}) == {
        "customer": [CHOICES_MESSAGE],
        "copies_to.1": [CHOICES_MESSAGE],
    }


def test_a_filled_in_form_is_checked_by_its_list_without_asking_again(records, listed_records):
    schema = {"properties": {"customer": {"type": "integer", "x-choices": "test-listed"}}}
    expanded = expand_choices(schema)
    unregister_choices("test-listed")

    assert validate_form_data(expanded, {"customer": 3}) == {}
    assert validate_form_data(expanded, {"customer": 4}) == {"customer": [CHOICES_MESSAGE]}


def test_a_field_naming_choices_nobody_provides_is_an_error_of_the_form_not_of_the_data():
    schema = {"properties": {"lines": {"items": {"properties": {"p": {"x-choices": "nope"}}}}}}

    with pytest.raises(UnknownChoices, match=r"'lines\[\]\.p'.*'nope'"):
        validate_form_data(schema, {"lines": [{"p": 1}]})


def test_a_failing_lookup_is_not_reported_as_bad_data():
    def broken(values):
        raise ConnectionError("database gone")

    register_choices("test-broken", list, lookup=broken)
    try:
        with pytest.raises(ConnectionError):
            validate_form_data({"properties": {"x": {"x-choices": "test-broken"}}}, {"x": 1})
    finally:
        unregister_choices("test-broken")


def test_existing_choices_answers_with_the_lookup_or_the_list(records, listed_records):
    assert existing_choices("test-records", [1, 5, "1", True]) == {1}
    assert existing_choices("test-listed", [1, 5, "1", True]) == {1}
    assert existing_choices("test-records", []) == set()
    assert records.asked == [["1", 1, 5]]  # true can be no record: it is not asked about
