"""Field values as the API writes them, for serializers that build their answer directly.

Building a ModelSerializer's fields costs more than the answer itself on the busiest
calls (a field per column, copied for every serializer); these render the same values.
"""

from rest_framework import serializers

# DRF's own rendering: ISO 8601 in the current time zone, "Z" for UTC.
_DATETIME = serializers.DateTimeField()


def datetime_value(value):
    return _DATETIME.to_representation(value) if value else None


def strings(values) -> list | None:
    if values is None:
        return None
    return [None if value is None else str(value) for value in values]


def username(user) -> str | None:
    return None if user is None else user.username
