"""Inbox rows read and cleared with plain SQL on the hot path of every step.

Building these statements through the ORM each time costs more than running them; the
statements are simple and the tables are the engine's own.
"""

from django.db import connection

from engine.models import HumanTask, TaskCandidate

from .locking import cached_definition
from .reader import ModelReader

_CANDIDATES = TaskCandidate._meta.db_table
_OPEN = (HumanTask.Status.OPEN.value, HumanTask.Status.CLAIMED.value)


_TASKS = ModelReader(HumanTask)


def task_row(task_id: int) -> HumanTask | None:
    task = _TASKS.one("WHERE id = %s", [task_id])
    if task is not None:
        task.definition = cached_definition(task.definition_id)
    return task


def open_task_rows(instance_id: int) -> list[HumanTask]:
    return _TASKS.many("WHERE instance_id = %s AND status IN (%s, %s)", [instance_id, *_OPEN])


_UPDATES: dict[tuple, str] = {}


def update_statement(obj, names: list[str]) -> tuple[str, list]:
    """The plain UPDATE of `obj.save(update_fields=names)` (auto_now fields included)."""
    model = type(obj)
    key = (model, tuple(names))
    fields = [model._meta.get_field(name) for name in names]
    sql = _UPDATES.get(key)
    if sql is None:
        sets = ", ".join(f"{field.column} = %s" for field in fields)
        sql = _UPDATES[key] = f"UPDATE {model._meta.db_table} SET {sets} WHERE id = %s"  # noqa: S608
    values = [field.get_db_prep_save(field.pre_save(obj, False), connection) for field in fields]
    return sql, [*values, obj.pk]


def run(statement: tuple[str, list]) -> None:
    """Run a (sql, params) statement built here."""
    with connection.cursor() as cursor:
        cursor.execute(*statement)


def save_fields(obj, names: list[str]) -> None:
    """`obj.save(update_fields=names)` as one plain UPDATE."""
    run(update_statement(obj, names))


def insert_statement(objs: list, returning: str = "") -> tuple[str, list]:
    """The plain INSERT of new rows of one model."""
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


def _insert(objs: list, returning: str = "") -> list:
    with connection.cursor() as cursor:
        cursor.execute(*insert_statement(objs, returning))
        return cursor.fetchall() if returning else []


def insert_and_update(objs: list, update: tuple[str, list]) -> None:
    """New rows and one UPDATE in one statement where the database allows it (PostgreSQL:
    a data-modifying WITH), else one after the other: one round trip less per step."""
    if not objs:
        run(update)
        return
    insert_sql, insert_params = insert_statement(objs)
    update_sql, update_params = update
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH inserted AS ({insert_sql}) {update_sql}", [*insert_params, *update_params]
            )
        else:
            cursor.execute(update_sql, update_params)
            cursor.execute(insert_sql, insert_params)


def insert_rows(objs: list) -> None:
    """`bulk_create(objs)` of one model as one plain INSERT, without reading ids back."""
    if objs:
        _insert(objs)


def insert_row(obj) -> None:
    """`obj.save()` of a new row as one plain INSERT; sets its id."""
    [(obj.pk,)] = _insert([obj], f" RETURNING {obj._meta.pk.column}")
    obj._state.adding = False
    obj._state.db = connection.alias


def drop_candidates(task_id: int) -> None:
    """A task that is claimed, completed or cancelled leaves the group inboxes."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_CANDIDATES} WHERE task_id = %s", [task_id])  # noqa: S608
