"""A cap on the data a script leaves behind: what it stores is serialized with the
instance, so a value too big, too deep, cyclic or not a number must stop at the script."""

import math
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .policy import ScriptRefused

# Characters of text plus items of lists and dicts, a list held twice counted twice.
MAX_DATA_SIZE = 20_000_000
MAX_DATA_DEPTH = 100
_SCALAR_KEYS = (str, int, float, bool, type(None))


class _Walk:
    def __init__(self) -> None:
        self.size = 0
        self.path: set[int] = set()

    def visit(self, value: object, depth: int) -> None:
        if isinstance(value, str | bytes):
            self.grow(len(value))
        elif isinstance(value, float) and not math.isfinite(value):
            raise ScriptRefused(
                _("%(value)s is not a number that can be stored") % {"value": value}
            )
        elif isinstance(value, Decimal) and not value.is_finite():
            raise ScriptRefused(
                _("%(value)s is not a number that can be stored") % {"value": f"Decimal('{value}')"}
            )
        elif isinstance(value, dict | list | tuple | set | frozenset):
            self.container(value, depth)
        else:
            self.grow(1)

    def container(
        self,
        value: dict[Any, Any] | list[Any] | tuple[Any, ...] | set[Any] | frozenset[Any],
        depth: int,
    ) -> None:
        if depth >= MAX_DATA_DEPTH:
            raise ScriptRefused(
                _("the data is nested deeper than %(depth)s levels") % {"depth": MAX_DATA_DEPTH}
            )
        if id(value) in self.path:
            raise ScriptRefused(_("the data contains itself (a cycle) and cannot be stored"))
        self.path.add(id(value))
        self.grow(len(value))
        items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        for key, item in items:
            if not isinstance(key, _SCALAR_KEYS):
                raise ScriptRefused(
                    _("a %(type)s cannot be a key of stored data") % {"type": type(key).__name__}
                )
            self.visit(item, depth + 1)
        self.path.discard(id(value))

    def grow(self, amount: int) -> None:
        self.size += amount
        if self.size > MAX_DATA_SIZE:
            raise ScriptRefused(
                _("the data is larger than the limit of %(limit)s items")
                % {"limit": number_format(MAX_DATA_SIZE, force_grouping=True)}
            )


def check_data(values: object) -> None:
    """Raise ScriptRefused naming the limit when `values` cannot be stored."""
    _Walk().visit(values, 0)
