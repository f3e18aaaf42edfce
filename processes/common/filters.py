"""Exact-match query-parameter filters for the business list endpoints.

A view names its filters in `filter_params = {"party": ("party_id", integer), ...}`;
`?party=3` then filters on `party_id=3`. A value that does not parse answers 400 with
the parameter named, rather than silently matching nothing.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

Parser = Callable[[str], Any]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


# Ids and numbers are stored as signed 64-bit integers; a larger one names nothing.
LARGEST = 2**63 - 1


def integer(raw: str) -> int:
    value = int(raw)
    if not -LARGEST <= value <= LARGEST:
        raise ValueError(raw)
    return value


def text(raw: str) -> str:
    return raw


def boolean(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(raw)


def iso_date(raw: str) -> date:
    return date.fromisoformat(raw)


def choice(choices: type[TextChoices]) -> Parser:
    def parse(raw: str) -> str:
        if raw not in choices.values:
            raise ValueError(raw)
        return raw

    parse.choices = choices.values  # type: ignore[attr-defined]
    return parse


class QueryParamFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        for name, (lookup, parse) in getattr(view, "filter_params", {}).items():
            raw = request.query_params.get(name)
            if raw is None or raw == "":
                continue
            try:
                value = parse(raw)
            except (TypeError, ValueError):
                allowed = getattr(parse, "choices", None)
                if allowed:
                    message = _("“%(value)s” is not one of: %(allowed)s.") % {
                        "value": raw,
                        "allowed": ", ".join(allowed),
                    }
                else:
                    message = _("“%(value)s” is not a valid value here.") % {"value": raw}
                raise ValidationError({name: [message]}) from None
            queryset = queryset.filter(**{lookup: value})
        return queryset

    def get_schema_operation_parameters(self, view):
        params = []
        for name, (_lookup, parse) in getattr(view, "filter_params", {}).items():
            schema: dict[str, Any] = {"type": _schema_type(parse)}
            if choices := getattr(parse, "choices", None):
                schema["enum"] = list(choices)
            params.append({"name": name, "required": False, "in": "query", "schema": schema})
        return params


def _schema_type(parse: Parser) -> str:
    return {integer: "integer", boolean: "boolean"}.get(parse, "string")
