"""Form patterns are checked in linear time: a catastrophic pattern on a long answer is
answered at once, and a pattern the linear-time engine cannot run is refused at load."""

import json

import pytest

from forms.loader import InvalidForm, load_form
from forms.validation import validate_form_data

EVIL = {"type": "object", "properties": {"code": {"type": "string", "pattern": "^(a+)+$"}}}


def test_a_backtracking_pattern_on_a_long_answer_is_answered_at_once():
    # Python's re would take longer than the universe's age on this answer.
    errors = validate_form_data(EVIL, {"code": "a" * 50_000 + "!"})
    assert errors == {"code": ["Not in the expected format."]}


def test_an_ordinary_pattern_still_accepts_and_refuses():
    schema = {
        "type": "object",
        "properties": {"sku": {"type": "string", "pattern": r"^[A-Z]{3}-\d+$"}},
    }
    assert validate_form_data(schema, {"sku": "ABC-12"}) == {}
    assert validate_form_data(schema, {"sku": "abc"}) == {"sku": ["Not in the expected format."]}


def test_pattern_properties_and_unexpected_names_use_the_same_engine():
    schema = {
        "type": "object",
        "patternProperties": {"^(a+)+$": {"type": "integer"}},
        "additionalProperties": False,
    }
    errors = validate_form_data(schema, {"a" * 50_000 + "!": 1, "aaa": "x"})
    assert errors  # the long name is unexpected, "aaa" is not a whole number
    assert validate_form_data(schema, {"aa": 2}) == {}


def test_a_pattern_with_a_backreference_is_refused_when_the_form_is_loaded(tmp_path):
    schema = {"type": "object", "properties": {"x": {"type": "string", "pattern": r"(a)\1"}}}
    (tmp_path / "f-schema.json").write_text(json.dumps(schema))

    with pytest.raises(InvalidForm, match=r"cannot be checked in linear time"):
        load_form("f-schema.json", forms_dir=tmp_path)
