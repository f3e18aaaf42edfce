"""Plain INSERT and UPDATE statements of the engine's rows, built from the models' fields
(the values are prepared exactly as the ORM prepares them: `get_db_prep_save(pre_save())`).
"""

from typing import Any

from django.db import connection
from django.db.models import Model

# A plain statement: (sql, parameters).
Statement = tuple[str, list[Any]]

_UPDATES: dict[tuple[type[Model], tuple[str, ...]], str] = {}


def update_statement(obj: Model, names: list[str]) -> Statement:
    """The plain UPDATE of `obj.save(update_fields=names)` (auto_now fields included)."""
    # Replaces obj.save(update_fields=names): the ORM builds the UPDATE anew at each save.
    model = type(obj)
    key = (model, tuple(names))
    fields = [model._meta.get_field(name) for name in names]
    sql = _UPDATES.get(key)
    if sql is None:
        sets = ", ".join(f"{field.column} = %s" for field in fields)
        sql = _UPDATES[key] = f"UPDATE {model._meta.db_table} SET {sets} WHERE id = %s"  # noqa: S608
    values = [field.get_db_prep_save(field.pre_save(obj, False), connection) for field in fields]
    return sql, [*values, obj.pk]


def run(statement: Statement) -> None:
    """Run a (sql, params) statement built here."""
    with connection.cursor() as cursor:
        cursor.execute(*statement)


def save_fields(obj: Model, names: list[str]) -> None:
    """`obj.save(update_fields=names)` as one plain UPDATE."""
    run(update_statement(obj, names))


def insert_statement(objs: list[Model], returning: str = "") -> Statement:
    """The plain INSERT of new rows of one model."""
    # Replaces Model.objects.bulk_create(objs): the ORM's batching and checks cost more
    # than the insert of a step's few history rows.
    model = type(objs[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f.column for f in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = [
        field.get_db_prep_save(field.pre_save(obj, True), connection)
        for obj in objs
        for field in fields
    ]
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES "  # noqa: S608
    return sql + ", ".join([marks] * len(objs)) + returning, values


def _insert(objs: list[Model], returning: str = "") -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(*insert_statement(objs, returning))
        return cursor.fetchall() if returning else []


def insert_and_update(insert: Statement | None, update: Statement) -> None:
    """An INSERT (of new rows) and one UPDATE in one statement where the database allows it
    (PostgreSQL: a data-modifying WITH), else one after the other: one round trip less per
    step."""
    # Replaces bulk_create(objs) then obj.save(update_fields=…): no ORM call makes one
    # statement of both.
    if insert is None:
        run(update)
        return
    insert_sql, insert_params = insert
    update_sql, update_params = update
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH inserted AS ({insert_sql}) {update_sql}", [*insert_params, *update_params]
            )
        else:
            cursor.execute(update_sql, update_params)
            cursor.execute(insert_sql, insert_params)


def insert_rows(objs: list[Model]) -> None:
    """`bulk_create(objs)` of one model as one plain INSERT, without reading ids back."""
    if objs:
        _insert(objs)


def insert_row(obj: Model) -> None:
    """`obj.save()` of a new row as one plain INSERT; sets its id."""
    [(obj.pk,)] = _insert([obj], f" RETURNING {obj._meta.pk.column}")
    obj._state.adding = False
    obj._state.db = connection.alias
