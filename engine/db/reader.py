"""Rows of a model read with a plain cursor, converted exactly as Django's own queries do.

The steps' hot path reads the same few rows at every step; building those statements
through the ORM each time costs more than running them. The converters per column are the
ones Django's compiler applies (backend first, then field), taken once per database.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

# A column and the converters its values go through.
Column = tuple[Any, list[Any]]


class ModelReader:
    def __init__(self, model: type[Model], exclude: frozenset[str] = frozenset()) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
        self.names = [f.attname for f in self.fields]
        self.select = "SELECT {} FROM {}".format(  # noqa: S608 - names from the model
            ", ".join(f.column for f in self.fields), model._meta.db_table
        )
        self._converters: dict[str, list[Column]] = {}

    def _columns(self) -> list[Column]:
        vendor = connection.vendor
        if vendor not in self._converters:
            table = self.model._meta.db_table
            columns = [f.get_col(table) for f in self.fields]
            self._converters[vendor] = [
                (col, [*connection.ops.get_db_converters(col), *col.get_db_converters(connection)])
                for col in columns
            ]
        return self._converters[vendor]

    def _instance(self, row: Sequence[Any]) -> Any:
        values = []
        for value, (col, converters) in zip(row, self._columns(), strict=True):
            for convert in converters:
                value = convert(value, col, connection)
            values.append(value)
        return self.model.from_db(connection.alias, self.names, values)

    def many(self, where: str, params: list[Any]) -> list[Any]:
        """`where`: the statement's rest ("WHERE …", "… FOR UPDATE")."""
        with connection.cursor() as cursor:
            cursor.execute(f"{self.select} {where}", params)
            return [self._instance(row) for row in cursor.fetchall()]

    def one(self, where: str, params: list[Any]) -> Any:
        found = self.many(where, params)
        return found[0] if found else None
