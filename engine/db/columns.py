"""One column of one row, for a model that cannot import the rest of this package."""

from typing import Any

from django.db import connection


def column_value(table: str, column: str, pk: int, default: Any = None) -> Any:
    """The column's stored value in the row with this id; `default` if the row is gone."""
    # Replaces Model.objects.filter(pk=…).values_list(column, flat=True).first(), read for
    # a field left out of a query (Django's deferred-field load costs several times more).
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(column)} FROM {quote(table)} WHERE id = %s",  # noqa: S608
            [pk],
        )
        row = cursor.fetchone()
    return row[0] if row else default
