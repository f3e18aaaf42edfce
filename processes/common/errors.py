"""Errors the business services raise; the API answers each with its HTTP status.

They are the engine's error classes, so `api.errors` turns them into the API's JSON
bodies (400 with field errors, 409 for a state that no longer allows the change).
"""

from engine.exceptions import Conflict, InvalidData

__all__ = ["Conflict", "InvalidData", "InvalidTransition", "NotEnoughStock", "invalid"]


class InvalidTransition(Conflict):
    """The record's status does not allow this step (a closed deal moved again ...)."""


class NotEnoughStock(Conflict):
    """The warehouse has less available than the move needs."""


def invalid(field: str, message: str) -> InvalidData:
    """An InvalidData naming one field, for `raise invalid("quantity", "...")`."""
    return InvalidData(message, errors={field: [message]})
