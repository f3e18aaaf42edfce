"""Camunda's typed variables (`{"value", "type", "valueInfo"}`) to and from plain data."""

import json

from engine.exceptions import InvalidData

_INT32 = 2**31

_CHECKS = {
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool) and -_INT32 <= v < _INT32,
    "short": lambda v: isinstance(v, int) and not isinstance(v, bool) and -(2**15) <= v < 2**15,
    "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "double": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "date": lambda v: isinstance(v, str),
}
_REFUSED = {"bytes", "file"}


def typed(value) -> dict:
    """A process variable as Camunda writes it."""
    if value is None:
        return {"value": None, "type": "Null", "valueInfo": {}}
    if isinstance(value, bool):
        return {"value": value, "type": "Boolean", "valueInfo": {}}
    if isinstance(value, int):
        kind = "Integer" if -_INT32 <= value < _INT32 else "Long"
        return {"value": value, "type": kind, "valueInfo": {}}
    if isinstance(value, float):
        return {"value": value, "type": "Double", "valueInfo": {}}
    if isinstance(value, str):
        return {"value": value, "type": "String", "valueInfo": {}}
    return {"value": json.dumps(value, default=str), "type": "Json", "valueInfo": {}}


def typed_all(variables: dict) -> dict:
    return {name: typed(value) for name, value in variables.items()}


def _plain(name: str, spec, field: str):
    if not isinstance(spec, dict) or "value" not in spec:
        raise InvalidData(
            f'The variable "{name}" must be written {{"value": …, "type": …}}.',
            {f"{field}.{name}": ['An object with "value" (and optionally "type").']},
        )
    value, kind = spec.get("value"), str(spec.get("type") or "").lower()
    key = f"{field}.{name}"
    if kind in _REFUSED:
        raise InvalidData(
            f'The variable "{name}" is of type {spec.get("type")}: HyperCRM keeps process '
            "data as JSON and takes no file or byte variables; send a link or text instead.",
            {key: [f"{spec.get('type')} variables are not supported."]},
        )
    if value is None or kind in ("", "null"):
        return value
    if kind in ("json", "object"):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise InvalidData(
                    f'The variable "{name}" is declared {spec.get("type")} but its value is '
                    "not JSON text.",
                    {key: ["Not JSON."]},
                )
        return value
    check = _CHECKS.get(kind)
    if check is None:
        raise InvalidData(
            f'The variable "{name}" has the type "{spec.get("type")}", which HyperCRM does '
            "not read; use Boolean, Integer, Long, Short, Double, String, Date, Json, Object "
            "or Null.",
            {key: ["Unknown type."]},
        )
    if not check(value):
        raise InvalidData(
            f'The variable "{name}" is declared {spec.get("type")} but its value is {value!s:.80}.',
            {key: [f"Not a {spec.get('type')} value."]},
        )
    return float(value) if kind == "double" else value


def plain_all(variables, field: str = "variables") -> dict:
    """Typed variables sent by a client, as plain data; InvalidData names a bad one."""
    if variables is None:
        return {}
    if not isinstance(variables, dict):
        raise InvalidData(
            f"{field} must be an object of typed variables.", {field: ["Must be an object."]}
        )
    return {name: _plain(name, spec, field) for name, spec in variables.items()}
