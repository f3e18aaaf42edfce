"""The reason a completed form gives for refusing: the text fields its schema requires only
for a negative answer (`"if": {"properties": {"approved": {"const": false}}}, "then":
{"required": ["reason"]}`, alone or in `allOf`), filled in because that answer was given."""

from typing import Any

from jsonschema import Draft202012Validator


def _conditions(schema: dict[str, Any]) -> list[tuple[dict, dict]]:
    parts = [schema, *[part for part in schema.get("allOf") or [] if isinstance(part, dict)]]
    return [
        (part["if"], part["then"])
        for part in parts
        if isinstance(part.get("if"), dict) and isinstance(part.get("then"), dict)
    ]


def refusal_reason(schema: dict[str, Any], data: dict[str, Any]) -> str:
    """What the person wrote as the reason of a refusal, or "" when the form was not one."""
    if not isinstance(data, dict):
        return ""
    properties = schema.get("properties") or {}
    reasons: list[str] = []
    for condition, then in _conditions(schema):
        if not Draft202012Validator(condition).is_valid(data):
            continue
        for name in then.get("required") or []:
            value = data.get(name)
            text = (properties.get(name) or {}).get("type") == "string"
            if text and isinstance(value, str) and value.strip() and value not in reasons:
                reasons.append(value.strip())
    return " ".join(reasons)
