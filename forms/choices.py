"""Choice lists for form fields that refer to business records.

A form field says `"x-choices": "customers"`; the business registers a provider of that
name at start-up, so the engine never imports the business. `expand_choices` turns the
reference into `oneOf` of `{"const", "title"}`, which a client shows as a choice list
and the server's validation enforces.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

ChoiceValue = str | int
ChoiceProvider = Callable[[], list[tuple[ChoiceValue, str]]]

CHOICES_KEYWORD = "x-choices"

_providers: dict[str, ChoiceProvider] = {}

# Keywords whose values are data, not subschemas: never look for references inside them.
_DATA_KEYWORDS = frozenset(
    {"const", "enum", "default", "examples", "title", "description", CHOICES_KEYWORD}
)
# Keywords whose values map a name to a subschema.
_FIELD_MAPS = frozenset({"properties", "patternProperties"})
_NAMED_MAPS = frozenset({"$defs", "definitions", "dependentSchemas"})
# Keywords whose subschemas describe the items of an array.
_ITEM_KEYWORDS = frozenset({"items", "prefixItems", "additionalItems", "contains"})


class UnknownChoices(Exception):
    """A form field refers to choices no provider has been registered for."""


def register_choices(name: str, provider: ChoiceProvider) -> None:
    """Make `"x-choices": name` offer the (value, label) pairs `provider()` returns.

    Registering a name again replaces its provider, so start-up code may run twice.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"Choices need a non-empty name, not {name!r}")
    if not callable(provider):
        raise TypeError(f"The provider of choices {name!r} must be callable")
    _providers[name] = provider


def unregister_choices(name: str) -> None:
    """Forget the provider of `name`; nothing happens when there is none."""
    _providers.pop(name, None)


def registered_choices() -> list[str]:
    """Names that have a provider, sorted."""
    return sorted(_providers)


def expand_choices(schema: dict) -> dict:
    """Return a deep copy of `schema` with every `x-choices` field's choices filled in.

    The field gets `oneOf: [{"const": value, "title": label}, ...]`; an array field gets
    them on its `items`. When the provider has no records the field gets `enum: []`, so
    any value fails validation. Raises UnknownChoices for a name with no provider.
    """
    expanded = copy.deepcopy(schema)
    _expand(expanded, field="")
    return expanded


def _expand(node: Any, *, field: str) -> None:
    if isinstance(node, list):
        for item in node:
            _expand(item, field=field)
        return
    if not isinstance(node, dict):
        return
    if CHOICES_KEYWORD in node:
        _fill_in(node, field=field)
    for keyword, value in node.items():
        if keyword in _DATA_KEYWORDS:
            continue
        if keyword in _FIELD_MAPS | _NAMED_MAPS and isinstance(value, dict):
            for name, subschema in value.items():
                _expand(subschema, field=f"{field}.{name}" if field else name)
        elif keyword in _ITEM_KEYWORDS:
            _expand(value, field=f"{field}[]")
        else:
            _expand(value, field=field)


def _fill_in(node: dict, *, field: str) -> None:
    name = node[CHOICES_KEYWORD]
    provider = _providers.get(name) if isinstance(name, str) else None
    if provider is None:
        known = ", ".join(registered_choices()) or "none"
        raise UnknownChoices(
            f"Form field {field or '(top level)'!r} asks for choices {name!r}, "
            f"but no provider of that name is registered (registered: {known})"
        )
    target = node
    # A multiple choice is an array of the referred records: the choices go on its items.
    if node.get("type") == "array":
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
