"""Check a completed task's data against its form schema, with messages people can read."""

from __future__ import annotations

import copy
import functools
import json
import logging
import re
import warnings
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext_lazy
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend, validator_for

from forms import patterns
from forms.choices import (
    CHOICES_KEYWORD,
    ChoiceValue,
    choice_value,
    existing_choices,
    is_filled_in,
    is_multiple,
    unfilled_choice_fields,
)

logger = logging.getLogger(__name__)

NON_FIELD_ERRORS = "__all__"
# The messages are English here and said in the reader's language where they are given
# (gettext at validation time: a task page, an API answer).
REQUIRED_MESSAGE = gettext_noop("This field is required.")
CHOICES_MESSAGE = gettext_noop("Must be one of the listed choices.")
NO_CHOICES_MESSAGE = gettext_noop("No choices are available for this field.")

# A value of the wrong type, as a whole sentence per type; several types are listed.
_TYPE_MESSAGES = {
    "string": gettext_noop("Must be text."),
    "integer": gettext_noop("Must be a whole number."),
    "number": gettext_noop("Must be a number."),
    "boolean": gettext_noop("Must be true or false."),
    "object": gettext_noop("Must be an object."),
    "array": gettext_noop("Must be a list."),
    "null": gettext_noop("Must be empty."),
}
_TYPE_NAMES = {
    "string": pgettext_lazy("value type", "text"),
    "integer": pgettext_lazy("value type", "a whole number"),
    "number": pgettext_lazy("value type", "a number"),
    "boolean": pgettext_lazy("value type", "true or false"),
    "object": pgettext_lazy("value type", "an object"),
    "array": pgettext_lazy("value type", "a list"),
    "null": pgettext_lazy("value type", "empty"),
}
_FORMAT_MESSAGES = {
    "date": gettext_noop("Not a valid date."),
    "date-time": gettext_noop("Not a valid date and time."),
    "time": gettext_noop("Not a valid time."),
    "email": gettext_noop("Not a valid email address."),
    "idn-email": gettext_noop("Not a valid email address."),
    "uuid": gettext_noop("Not a valid UUID."),
    "ipv4": gettext_noop("Not a valid IPv4 address."),
    "ipv6": gettext_noop("Not a valid IPv6 address."),
    "regex": gettext_noop("Not a valid regular expression."),
}
_SIMPLE_MESSAGES = {
    "const": gettext_noop("Must be %(json)s."),
    "minimum": gettext_noop("Must be at least %(value)s."),
    "maximum": gettext_noop("Must be at most %(value)s."),
    "exclusiveMinimum": gettext_noop("Must be more than %(value)s."),
    "exclusiveMaximum": gettext_noop("Must be less than %(value)s."),
    "multipleOf": gettext_noop("Must be a multiple of %(value)s."),
    "uniqueItems": gettext_noop("Must not contain the same item twice."),
    "pattern": gettext_noop("Not in the expected format."),
}
_RFC3339_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
# What a choice of a choice list may say besides its value.
_CHOICE_KEYWORDS = frozenset({"const", "title", "description", "$comment"})

FORMAT_CHECKER = FormatChecker()


# jsonschema checks date-time only with an extra package; RFC 3339 needs a time zone.
@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_date_time(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if not _RFC3339_DATE_TIME.fullmatch(instance):
        return False
    return bool(datetime.fromisoformat(instance.replace("z", "Z").replace("t", "T")))


# The built-in check only looks for an "@"; a form should at least see a domain.
@FORMAT_CHECKER.checks("email")
def _is_email(instance: object) -> bool:
    return not isinstance(instance, str) or bool(_EMAIL.fullmatch(instance))


def validate_form_data(schema: dict, data: Any) -> dict[str, list[str]]:
    """Return the form's errors keyed by field path ("customer", "lines.0.quantity").

    Errors not tied to a field are under "__all__"; an empty dict means the data is valid.
    A choice field (`x-choices`) that expand_choices has not filled in is checked by asking
    its provider about the submitted values only, all of a provider's at once.
    A schema that cannot be used is reported as an "__all__" error; what raises is a field
    naming choices no provider gives (UnknownChoices) and a provider's own failure.
    """
    choices = _ChoiceCheck(collecting=unfilled_choice_fields(schema) > 0)
    errors: dict[str, list[str]] = {}
    token = _choice_check.set(choices)
    try:
        if not isinstance(schema, dict | bool):
            raise TypeError(f"the schema is {type(schema).__name__}, not an object")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            validator_class = _with_choice_lists(
                validator_for(schema, default=Draft202012Validator)
            )
        validator = validator_class(schema, format_checker=FORMAT_CHECKER)
        if choices.collecting:
            for _error in validator.iter_errors(data):  # gathers the submitted choices
                pass
            choices.look_up()
        for error in validator.iter_errors(data):
            for path, message in _describe(error):
                messages = errors.setdefault(path, [])
                if message not in messages:
                    messages.append(message)
    except RecursionError:
        return {NON_FIELD_ERRORS: [_("The data is nested too deeply to check.")]}
    except Exception as error:  # a broken schema must not break the caller
        if error is choices.failure:
            raise
        logger.warning("Form data could not be checked: %r", error)
        return {NON_FIELD_ERRORS: [_("This form cannot be checked: its schema is not valid.")]}
    finally:
        _choice_check.reset(token)
    return errors


class _ChoiceCheck:
    """The submitted values of choice fields, and which of them the providers know.

    The first pass over the data only gathers values (`collecting`); `look_up` then asks
    each provider once; the second pass checks against the answers.
    """

    def __init__(self, *, collecting: bool) -> None:
        self.collecting = collecting
        self.asked: dict[str, set[ChoiceValue]] = {}
        self.known: dict[str, set[ChoiceValue]] = {}
        self.failure: Exception | None = None

    def look_up(self) -> None:
        self.collecting = False
        for name, values in self.asked.items():
            self.known[name] = self._ask(name, values)

    def is_choice(self, name: str, instance: Any) -> bool:
        value = choice_value(instance)
        if value is None:
            return False
        asked = self.asked.setdefault(name, set())
        if self.collecting:
            asked.add(value)
            return False  # so that anyOf and the like go on to gather their other branches
        if value not in asked:  # met on a branch the first pass did not take
            asked.add(value)
            self.known.setdefault(name, set()).update(self._ask(name, [value]))
        return value in self.known.get(name, ())

    def _ask(self, name: str, values: Iterable[ChoiceValue]) -> set[ChoiceValue]:
        try:
            return existing_choices(name, values)
        except Exception as error:  # the provider's failure, not the form's: let it through
            self.failure = error
            raise


_choice_check: ContextVar[_ChoiceCheck | None] = ContextVar("form_choice_check", default=None)


def _choices_keyword(validator, name, instance, schema):
    """`x-choices`: the value (or, for an array field, each item) is one of the choices."""
    choices = _choice_check.get()
    if choices is None or not isinstance(schema, dict) or is_filled_in(schema):
        return  # a filled-in field carries its list, which oneOf / enum check
    if not is_multiple(schema):
        if not choices.is_choice(name, instance):
            yield ValidationError(f"{instance!r} is not one of the {name!r} choices")
    elif isinstance(instance, list):  # anything else is the "type" keyword's to report
        for index, item in enumerate(instance):
            if not choices.is_choice(name, item):
                yield ValidationError(
                    f"{item!r} is not one of the {name!r} choices", path=[index], instance=item
                )


@functools.cache
def _with_choice_lists(validator_class: type) -> type:
    """The draft's validator, checking `x-choices` by asking its provider, and a choice list
    (`oneOf` of distinct text or number constants, as forms.choices makes from business
    records) by a set lookup. jsonschema tries every choice: the order form took ~0.4 s
    with 10,000 customers and products."""
    one_of = validator_class.VALIDATORS["oneOf"]

    def choice_one_of(validator, subschemas, instance, schema):
        choices = _choice_values(subschemas)
        if choices is None:
            yield from one_of(validator, subschemas, instance, schema)
        elif not _is_choice(instance, *choices):
            yield ValidationError(f"{instance!r} is not valid under any of the given schemas")

    keywords = {"oneOf": choice_one_of, CHOICES_KEYWORD: _choices_keyword, **patterns.KEYWORDS}
    return extend(validator_class, keywords)


def _choice_values(subschemas: Any) -> tuple[set, set] | None:
    """(texts, numbers) of a `oneOf` listing distinct text or whole-number constants;
    None for any other `oneOf`, which jsonschema checks as usual."""
    if not isinstance(subschemas, list):
        return None
    try:
        values = [subschema["const"] for subschema in subschemas]
    except (KeyError, TypeError):
        return None
    if not all(map(_CHOICE_KEYWORDS.issuperset, subschemas)):
        return None
    texts = {value for value in values if type(value) is str}
    numbers = {value for value in values if type(value) is int}
    if len(texts) + len(numbers) < len(values):
        return None  # other constants, or a repeated choice (it matches twice: oneOf refuses)
    return texts, numbers


def _is_choice(instance: Any, texts: set, numbers: set) -> bool:
    # As JSON Schema compares: 3.0 is the choice 3, true is not the choice 1.
    if isinstance(instance, str):
        return instance in texts
    if isinstance(instance, int | float) and not isinstance(instance, bool):
        return instance in numbers
    return False


def form_defaults(schema: Any) -> dict:
    """Return the `default` values of the schema's top-level properties."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return {}
    return {
        name: copy.deepcopy(field["default"])
        for name, field in properties.items()
        if isinstance(field, dict) and "default" in field
    }


def _describe(error: ValidationError) -> Iterable[tuple[str, str]]:
    """Yield (field path, message) pairs for one jsonschema error."""
    path = list(error.absolute_path)
    keyword, expected, instance = error.validator, error.validator_value, error.instance
    if keyword == "required" and isinstance(instance, dict):
        # One error per missing name, but the error does not say which; report them all.
        for name in expected:
            if name not in instance:
                yield _join([*path, name]), _(REQUIRED_MESSAGE)
        return
    if keyword == "dependentRequired" and isinstance(instance, dict):
        for present, needed in expected.items():
            if present in instance:
                for name in needed:
                    if name not in instance:
                        yield _join([*path, name]), _(REQUIRED_MESSAGE)
        return
    if keyword == "additionalProperties" and expected is False and isinstance(instance, dict):
        names = _unexpected_names(instance, error.schema)
        for name in names:
            yield _join([*path, name]), _("Unknown field.")
        if names:
            return
    yield _join(path), _message(error)


def _message(error: ValidationError) -> str:
    keyword, expected = error.validator, error.validator_value
    if keyword == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        if len(names) == 1 and names[0] in _TYPE_MESSAGES:
            return _(_TYPE_MESSAGES[names[0]])
        kinds = ", ".join(
            str(_TYPE_NAMES[name]) if name in _TYPE_NAMES else str(name) for name in names
        )
        return _("Must be one of: %(kinds)s.") % {"kinds": kinds}
    if keyword in (CHOICES_KEYWORD, "enum") or (
        keyword in ("oneOf", "anyOf") and _all_consts(expected)
    ):
        return (
            _(CHOICES_MESSAGE) if expected or keyword == CHOICES_KEYWORD else _(NO_CHOICES_MESSAGE)
        )
    if keyword == "format":
        if expected in _FORMAT_MESSAGES:
            return _(_FORMAT_MESSAGES[expected])
        return _("Not a valid %(format)s.") % {"format": expected}
    if isinstance(expected, dict | list):
        return error.message
    if keyword == "minLength":
        if expected == 1:
            return _("Must not be empty.")
        return ngettext(
            "Must be at least %(value)s character.",
            "Must be at least %(value)s characters.",
            expected,
        ) % {"value": expected}
    if keyword == "maxLength":
        return ngettext(
            "Must be at most %(value)s character.",
            "Must be at most %(value)s characters.",
            expected,
        ) % {"value": expected}
    if keyword == "minItems":
        return ngettext(
            "Must have at least %(value)s item.", "Must have at least %(value)s items.", expected
        ) % {"value": expected}
    if keyword == "maxItems":
        return ngettext(
            "Must have at most %(value)s item.", "Must have at most %(value)s items.", expected
        ) % {"value": expected}
    if keyword in _SIMPLE_MESSAGES:
        value = formats.number_format(expected) if _is_number(expected) else expected
        return _(_SIMPLE_MESSAGES[keyword]) % {"value": value, "json": json.dumps(expected)}
    return error.message


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _all_consts(subschemas: Any) -> bool:
    return isinstance(subschemas, list) and all(
        isinstance(sub, dict) and "const" in sub for sub in subschemas
    )


def _unexpected_names(instance: dict, schema: Any) -> list[str]:
    if not isinstance(schema, dict):
        return []
    known = schema.get("properties") or {}
    names = list((schema.get("patternProperties") or {}).keys())
    return [
        name
        for name in instance
        if name not in known and not any(patterns.matches(pattern, name) for pattern in names)
    ]


def _join(path: list) -> str:
    return ".".join(str(part) for part in path) or NON_FIELD_ERRORS
