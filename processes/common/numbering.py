"""Document numbers (SO-00012, PO-00003 ...): the prefix and the record's primary key.

The number is set right after the insert, in the same transaction, so it is unique
without a counter row that every new document would have to lock.
"""

from django.db import models

WIDTH = 5


def assign_number(record: models.Model, prefix: str, *, field: str = "number") -> str:
    """Give a just-saved `record` its number `PREFIX-00042` and store it."""
    number = f"{prefix}-{record.pk:0{WIDTH}d}"
    setattr(record, field, number)
    record.save(update_fields=[field])
    return number
