"""Choice lists for form fields that refer to business records.

A form field says `"x-choices": "customers"`; the business registers a provider of that
name at start-up, so the engine never imports the business. `expand_choices` turns the
reference into `oneOf` of `{"const", "title"}`, which a client shows as a choice list.
Validation does not need the list: `existing_choices` asks the provider's lookup about the
submitted values only, so checking a form costs the same with ten records or ten thousand.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

ChoiceValue = str | int
ChoiceProvider = Callable[[], list[tuple[ChoiceValue, str]]]
# Given some values, the ones that are choices: a collection of values or a {value: label}.
ChoiceLookup = Callable[[list[ChoiceValue]], Iterable[ChoiceValue]]

CHOICES_KEYWORD = "x-choices"
# A choice field may offer only the values its case's data lists at a path
# ("x-choices-in": "purchase_order.product_ids"): a receipt offers the order's products.
NARROW_KEYWORD = "x-choices-in"

_providers: dict[str, ChoiceProvider] = {}
_lookups: dict[str, ChoiceLookup] = {}

# Keywords whose values are data, not subschemas: never look for references inside them.
_DATA_KEYWORDS = frozenset(
    {
        "const",
        "enum",
        "default",
        "examples",
        "title",
        "description",
        CHOICES_KEYWORD,
        NARROW_KEYWORD,
    }
)
# Keywords whose values map a name to a subschema.
_FIELD_MAPS = frozenset({"properties", "patternProperties"})
_NAMED_MAPS = frozenset({"$defs", "definitions", "dependentSchemas"})
# Keywords whose subschemas describe the items of an array.
_ITEM_KEYWORDS = frozenset({"items", "prefixItems", "additionalItems", "contains"})
# The largest number a database's (big) integer key holds; a bigger one names no record.
_LARGEST_ID = 2**63 - 1


# The request being served (forms/middleware.py): its person is who a choice list is for.
_asking: ContextVar[Any] = ContextVar("choices_asked_by", default=None)


def asker() -> Any:
    """The signed-in person the choices are listed or checked for, or None (a worker, a
    command). Read when asked, so the person an API token names counts too."""
    holder = _asking.get()
    user = getattr(holder, "user", holder)
    return user if getattr(user, "is_authenticated", False) else None


class UnknownChoices(Exception):
    """A form field refers to choices no provider has been registered for."""


def register_choices(
    name: str, provider: ChoiceProvider, lookup: ChoiceLookup | None = None
) -> None:
    """Make `"x-choices": name` offer the (value, label) pairs `provider()` returns.

    `lookup(values)`, when given, returns which of `values` are among those choices (the
    values, or a {value: label} of them) without reading them all; checking submitted data
    then uses it. Without it, checking reads the provider's whole list.
    Registering a name again replaces its provider, so start-up code may run twice.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"Choices need a non-empty name, not {name!r}")
    if not callable(provider):
        raise TypeError(f"The provider of choices {name!r} must be callable")
    if lookup is not None and not callable(lookup):
        raise TypeError(f"The lookup of choices {name!r} must be callable")
    _providers[name] = provider
    if lookup is None:
        _lookups.pop(name, None)
    else:
        _lookups[name] = lookup


def unregister_choices(name: str) -> None:
    """Forget the provider of `name`; nothing happens when there is none."""
    _providers.pop(name, None)
    _lookups.pop(name, None)


def registered_choices() -> list[str]:
    """Names that have a provider, sorted."""
    return sorted(_providers)


def records_among(records: Callable[[], Any]) -> ChoiceLookup:
    """A lookup for choices whose values are the ids of the queryset `records()` returns:
    one query for the asked ids, so it keeps whatever filter `records` applies."""

    def lookup(values: list[ChoiceValue]) -> Iterable[ChoiceValue]:
        ids = record_ids(values)
        return records().filter(pk__in=ids).values_list("pk", flat=True) if ids else []

    return lookup


def record_ids(values: Iterable[Any]) -> list[int]:
    """The values that can be a record's id: whole numbers a database key can hold."""
    return [
        value
        for value in values
        if type(value) is int and abs(value) <= _LARGEST_ID  # not text, not true/false
    ]


def choice_value(value: Any) -> ChoiceValue | None:
    """`value` as a choice compares it (JSON Schema: 3.0 is 3, true is not 1), or None when
    no choice can be it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str | int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def existing_choices(name: str, values: Iterable[ChoiceValue]) -> set[ChoiceValue]:
    """The ones of `values` that are choices of `name`, asking its lookup about just these
    values when it has one, else reading its provider's list.

    Raises UnknownChoices when no provider of that name is registered.
    """
    provider = _provider_of(name, field="")
    asked = {value for value in map(choice_value, values) if value is not None}
    if not asked:
        return set()
    lookup = _lookups.get(name)
    if lookup is None:
        found: Iterable[Any] = (value for value, _label in _checked(name, provider()))
    else:
        found = lookup(list(asked))
    # Compare as JSON Schema does: 1 is not "1", and true is not 1.
    return {value for value in map(choice_value, found) if value is not None and value in asked}


def expand_choices(schema: dict) -> dict:
    """Return a deep copy of `schema` with every `x-choices` field's choices filled in.

    The field gets `oneOf: [{"const": value, "title": label}, ...]`; an array field gets
    them on its `items`. When the provider has no records the field gets `enum: []`, so
    any value fails validation. Raises UnknownChoices for a name with no provider.
    """
    expanded = copy.deepcopy(schema)
    _walk(expanded, field="", visit=_fill_in)
    return expanded


def narrows_choices(schema: Any) -> bool:
    """Whether a choice field of `schema` takes its values from the case's data."""
    found = False

    def visit(node: dict, *, field: str) -> None:
        nonlocal found
        found = found or NARROW_KEYWORD in node

    _walk(schema, field="", visit=visit)
    return found


def narrow_choices(schema: dict, data: Any) -> dict:
    """A copy of `schema` whose `x-choices-in` fields offer only the values `data` lists at
    their path; filled-in lists are filtered, the others get the values as their `enum`
    (which checking then uses). A path `data` does not hold leaves the field as it was."""
    narrowed = copy.deepcopy(schema)

    def visit(node: dict, *, field: str) -> None:
        listed = _at_path(data, node.get(NARROW_KEYWORD))
        if not isinstance(listed, list):
            return
        allowed = [value for value in map(choice_value, listed) if value is not None]
        target = node
        if is_multiple(node):
            if not isinstance(node.get("items"), dict):
                node["items"] = {}
            target = node["items"]
        offered = target.pop("oneOf", None)
        target.pop("enum", None)
        if isinstance(offered, list):
            kept = [choice for choice in offered if choice.get("const") in allowed]
            if kept:
                target["oneOf"] = kept
            else:
                target["enum"] = []
        else:
            target["enum"] = list(dict.fromkeys(allowed))

    _walk(narrowed, field="", visit=visit)
    return narrowed


def _at_path(data: Any, path: Any) -> Any:
    if not isinstance(path, str) or not path:
        return None
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def unfilled_choice_fields(schema: Any) -> int:
    """How many fields of `schema` name choices `expand_choices` has not filled in.

    Raises UnknownChoices when one of them names choices no provider gives.
    """
    found = 0

    def visit(node: dict, *, field: str) -> None:
        nonlocal found
        if not is_filled_in(node):
            _provider_of(node[CHOICES_KEYWORD], field=field)
            found += 1

    _walk(schema, field="", visit=visit)
    return found


def is_multiple(node: dict) -> bool:
    """Whether a choice field is a list of choices (its items are the choices)."""
    return node.get("type") == "array"


def is_filled_in(node: dict) -> bool:
    """Whether `expand_choices` gave this choice field its list (which then does the checking)."""
    target = node.get("items") if is_multiple(node) else node
    return isinstance(target, dict) and ("oneOf" in target or "enum" in target)


def _walk(node: Any, *, field: str, visit: Callable[..., None]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, field=field, visit=visit)
        return
    if not isinstance(node, dict):
        return
    if CHOICES_KEYWORD in node:
        visit(node, field=field)
    for keyword, value in node.items():
        if keyword in _DATA_KEYWORDS:
            continue
        if keyword in _FIELD_MAPS | _NAMED_MAPS and isinstance(value, dict):
            for name, subschema in value.items():
                _walk(subschema, field=f"{field}.{name}" if field else name, visit=visit)
        elif keyword in _ITEM_KEYWORDS:
            _walk(value, field=f"{field}[]", visit=visit)
        else:
            _walk(value, field=field, visit=visit)


def _provider_of(name: Any, *, field: str) -> ChoiceProvider:
    provider = _providers.get(name) if isinstance(name, str) else None
    if provider is None:
        known = ", ".join(registered_choices()) or "none"
        raise UnknownChoices(
            f"Form field {field or '(top level)'!r} asks for choices {name!r}, "
            f"but no provider of that name is registered (registered: {known})"
        )
    return provider


def _fill_in(node: dict, *, field: str) -> None:
    name = node[CHOICES_KEYWORD]
    provider = _provider_of(name, field=field)
    target = node
    # A multiple choice is an array of the referred records: the choices go on its items.
    if is_multiple(node):
        if not isinstance(node.get("items"), dict):
            node["items"] = {}
        target = node["items"]
    choices = _checked(name, provider())
    target.pop("enum", None)
    target.pop("oneOf", None)
    if choices:
        target["oneOf"] = [{"const": value, "title": label} for value, label in choices]
    else:
        target["enum"] = []


def _checked(name: str, choices: Any) -> list[tuple[ChoiceValue, str]]:
    """Return the provider's pairs with duplicate values dropped (oneOf needs them unique)."""
    seen: dict[ChoiceValue, str] = {}
    try:
        pairs = list(choices)
    except TypeError:
        raise TypeError(f"The provider of choices {name!r} must return a list of pairs") from None
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise TypeError(
                f"The provider of choices {name!r} returned {pair!r}, not a (value, label) pair"
            )
        value, label = pair
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise TypeError(
                f"The provider of choices {name!r} returned the value {value!r}; "
                "values must be text or whole numbers"
            )
        seen.setdefault(value, str(label))
    return list(seen.items())
