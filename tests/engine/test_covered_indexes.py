"""The foreign keys without an index of their own (migration 0019): each is the first
column of a composite index, and a lookup by it alone is answered from that index."""

from importlib import import_module

import pytest
from django.db import connection, transaction

from engine.models import HumanTask, InstanceEvent, TaskCandidate

pytestmark = pytest.mark.django_db
_covered = import_module("engine.migrations.0019_covered_indexes")

LOOKUPS = {
    ("engine_humantask", "assignee_id"): HumanTask.objects.filter(assignee_id=1),
    ("engine_humantask", "instance_id"): HumanTask.objects.filter(instance_id=1),
    ("engine_instanceevent", "instance_id"): InstanceEvent.objects.filter(instance_id=1),
    ("engine_taskcandidate", "task_id"): TaskCandidate.objects.filter(task_id=1),
}


def _indexes(table: str) -> dict:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {name: info for name, info in found.items() if info["index"] or info["unique"]}


@pytest.mark.parametrize(("table", "column"), _covered.COVERED)
def test_a_composite_index_begins_with_the_key_and_none_holds_it_alone(table, column):
    indexes = _indexes(table).values()
    assert [info for info in indexes if info["columns"] == [column]] == []
    assert any(len(info["columns"]) > 1 and info["columns"][0] == column for info in indexes)


def test_each_dropped_index_has_its_lookup_checked():
    assert set(LOOKUPS) == set(_covered.COVERED)


@pytest.mark.parametrize(("table", "column"), _covered.COVERED)
def test_a_lookup_by_the_key_alone_reads_an_index(table, column):
    sql, params = LOOKUPS[(table, column)].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan TO off")  # tables this small scan
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "Index" in plan or "INDEX" in plan, plan
