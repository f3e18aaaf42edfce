"""The reason a refusing form gives: the text its schema requires only for the negative
answer, and nothing when the answer was positive or the form has no such condition."""

import json
from pathlib import Path

import pytest

from forms.reasons import refusal_reason

SCHEMAS = Path(__file__).resolve().parents[2] / "forms" / "schemas"


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


@pytest.mark.parametrize(
    ("name", "refused", "accepted"),
    [
        (
            "production-quality-schema.json",
            {"passed": False, "notes": " Scratched tops "},
            {"passed": True, "notes": "Looks fine"},
        ),
        (
            "procurement-quality-schema.json",
            {"quality_ok": False, "notes": "Wet boxes"},
            {"quality_ok": True, "notes": "Dry"},
        ),
        (
            "procurement-approval-schema.json",
            {"approved": False, "reason": "Price too low"},
            {"approved": True, "reason": "Fine"},
        ),
    ],
)
def test_the_shipped_refusing_forms_give_their_reason(name, refused, accepted):
    schema = _schema(name)
    assert refusal_reason(schema, refused) == next(
        value.strip() for key, value in refused.items() if isinstance(value, str)
    )
    assert refusal_reason(schema, accepted) == ""


def test_conditions_in_all_of_and_non_text_fields():
    schema = {
        "type": "object",
        "properties": {
            "ok": {"type": "boolean"},
            "why": {"type": "string"},
            "n": {"type": "integer"},
        },
        "allOf": [
            {"if": {"properties": {"ok": {"const": False}}}, "then": {"required": ["why", "n"]}}
        ],
    }
    assert refusal_reason(schema, {"ok": False, "why": "Too late", "n": 3}) == "Too late"
    assert refusal_reason(schema, {"ok": False, "why": "  "}) == ""
    assert refusal_reason({"type": "object"}, {"ok": False, "why": "x"}) == ""
    assert refusal_reason(schema, None) == ""
