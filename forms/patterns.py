"""Form patterns run on RE2, a linear-time regular expression engine: a `pattern` like
`^(a+)+$` that makes Python's `re` backtrack for hours on a long answer takes
microseconds. RE2 has no backreferences nor lookaround; a form using them is refused
when it is loaded (forms.loader), naming the pattern."""

from functools import lru_cache

import re2
from django.utils.translation import gettext as _
from jsonschema.exceptions import ValidationError

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is reported to the modeler, not to stderr


class PatternRefused(ValueError):
    pass


@lru_cache(maxsize=256)
def compiled(pattern: str):
    try:
        return re2.compile(pattern, options=_OPTIONS)
    except re2.error as error:
        raise PatternRefused(
            _(
                "the pattern %(pattern)s cannot be checked in linear time (backreferences and "
                "lookaround are not supported): %(error)s"
            )
            % {"pattern": repr(pattern), "error": error}
        ) from None


def matches(pattern: str, text: str) -> bool:
    return compiled(pattern).search(text) is not None


def schema_patterns(schema) -> list[str]:
    """Every `pattern` and `patternProperties` key a schema holds, at any depth."""
    found, stack = [], [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append(node["pattern"])
            if isinstance(node.get("patternProperties"), dict):
                found.extend(node["patternProperties"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _pattern(validator, patrn, instance, schema):
    if validator.is_type(instance, "string") and not matches(patrn, instance):
        yield ValidationError(f"{instance!r} does not match {patrn!r}")


def _pattern_properties(validator, pattern_properties, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in pattern_properties.items():
        for key, value in instance.items():
            if matches(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional(instance: dict, schema: dict) -> list:
    known, patterns = schema.get("properties", {}), list(schema.get("patternProperties", {}))
    return [
        name
        for name in instance
        if name not in known and not any(matches(pattern, name) for pattern in patterns)
    ]


def _additional_properties(validator, additional, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    extras = _additional(instance, schema)
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        names = ", ".join(repr(extra) for extra in sorted(extras, key=str))
        yield ValidationError(f"Additional properties are not allowed ({names} unexpected)")


KEYWORDS = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}
