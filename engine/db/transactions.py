"""`transaction.atomic` as a typed decorator: Django ships no types, so mypy would read a
service decorated with Django's own as untyped (and every call of it as unchecked)."""

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")


def atomic(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` in a transaction (a savepoint inside one): `@transaction.atomic`."""
    return transaction.atomic(func)
