"""Each plain statement of engine/db/ gives what the ORM call it replaces gives."""

import dataclasses

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict

from engine.db import columns, statements
from engine.db import events as db_events
from engine.db import instances as db_instances
from engine.db import tasks as db_tasks
from engine.models import HumanTask, Incident, InstancePiece, ProcessInstance, TaskCandidate
from engine.models.events import EventType, InstanceEvent
from engine.runtime.state import SavedState
from engine.services.instances import instance_start
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def started():
    deploy_fixture()
    user = make_user("runner", is_superuser=True)
    return instance_start(definition_key="order_approval", business_key="SO-1", user=user)


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_task_rows_read_as_the_orm_reads_them(started):
    orm = HumanTask.objects.get(instance=started)
    assert _fields(db_tasks.task_row(orm.pk)) == _fields(orm)
    assert db_tasks.task_row(orm.pk + 1000) is None
    open_orm = HumanTask.objects.filter(instance=started, status__in=["open", "claimed"])
    assert sorted(map(_fields, db_tasks.open_task_rows(started.pk)), key=str) == sorted(
        map(_fields, open_orm), key=str
    )
    HumanTask.objects.filter(pk=orm.pk).update(status=HumanTask.Status.COMPLETED)
    assert db_tasks.open_task_rows(started.pk) == []


def test_dropping_candidates_deletes_what_the_orm_would(started):
    task = HumanTask.objects.get(instance=started)
    assert TaskCandidate.objects.filter(task=task).exists()
    with transaction.atomic():
        TaskCandidate.objects.filter(task=task).delete()
        orm_left = TaskCandidate.objects.count()
        transaction.set_rollback(True)
    db_tasks.drop_candidates(task.pk)
    assert TaskCandidate.objects.count() == orm_left


def test_the_locked_instance_is_the_orm_row_without_its_big_fields(started):
    task = HumanTask.objects.get(instance=started)
    orm = ProcessInstance.objects.defer("state", "ended_variables").get(pk=started.pk)
    with transaction.atomic():
        locked = db_instances.locked_instance(started.pk)
        by_task = db_instances.locked_instance_of_task(task.pk)
    expected = {k: v for k, v in _fields(orm).items() if k not in ("state", "ended_variables")}
    for found in (locked, by_task):
        assert "state" not in found.__dict__ and "ended_variables" not in found.__dict__
        assert {k: getattr(found, k) for k in expected} == expected
    assert db_instances.locked_instance(started.pk + 1000) is None


def test_a_column_read_alone_is_the_orm_value(started):
    table = ProcessInstance._meta.db_table
    orm = ProcessInstance.objects.filter(pk=started.pk).values_list("state", flat=True).first()
    assert columns.column_value(table, "state", started.pk, "") == orm
    assert columns.column_value(table, "state", started.pk + 1000, "") == ""


def test_open_work_ids_are_the_orm_ids(started):
    Incident.objects.create(instance=started, element_id="x", error="boom")
    Incident.objects.create(
        instance=started, element_id="y", error="old", status=Incident.Status.RESOLVED
    )
    tasks = HumanTask.objects.filter(instance=started, status__in=["open", "claimed"])
    incidents = Incident.objects.filter(instance=started, status=Incident.Status.OPEN)
    assert db_instances.open_work_ids(started.pk) == (
        list(tasks.order_by("id").values_list("pk", flat=True)),
        list(incidents.order_by("id").values_list("pk", flat=True)),
    )


def test_written_pieces_are_what_the_orm_would_write(started):
    InstancePiece.objects.bulk_create(
        [InstancePiece(instance=started, seq=seq, data=f"old {seq}") for seq in (1, 2, 3)]
    )
    saved = SavedState(text="", inserts={4: "new 4"}, updates={2: "changed 2"}, deletes=[3])
    with transaction.atomic():
        InstancePiece.objects.filter(instance=started, seq=2).update(data="changed 2")
        InstancePiece.objects.filter(instance=started, seq__in=[3]).delete()
        InstancePiece.objects.create(instance=started, seq=4, data="new 4")
        orm = dict(started.pieces.values_list("seq", "data"))
        transaction.set_rollback(True)
    db_instances.write_pieces(started.pk, saved)
    assert dict(started.pieces.values_list("seq", "data")) == orm


def test_update_and_insert_statements_write_what_save_and_bulk_create_write(started):
    instance = ProcessInstance.objects.get(pk=started.pk)
    instance.stage = "Checked"
    instance.revision += 5
    with transaction.atomic():
        instance.save(update_fields=["stage", "revision", "updated_at"])
        orm = model_to_dict(ProcessInstance.objects.get(pk=started.pk), exclude=["updated_at"])
        transaction.set_rollback(True)
    statements.save_fields(instance, ["stage", "revision", "updated_at"])
    plain = model_to_dict(ProcessInstance.objects.get(pk=started.pk), exclude=["updated_at"])
    assert plain == orm

    def events():
        return [
            InstanceEvent(instance=started, type=EventType.MESSAGE_SENT, data={"n": n})
            for n in range(3)
        ]

    def stored():
        rows = InstanceEvent.objects.filter(instance=started, type=EventType.MESSAGE_SENT)
        return [(e.type, e.data, e.user_id, e.element_id) for e in rows.order_by("id")]

    with transaction.atomic():
        InstanceEvent.objects.bulk_create(events())
        orm_events = stored()
        transaction.set_rollback(True)
    statements.insert_rows(events())
    assert stored() == orm_events

    one = events()[0]
    statements.insert_row(one)
    assert one.pk == InstanceEvent.objects.latest("id").pk and not one._state.adding


def test_insert_and_update_does_both(started):
    instance = ProcessInstance.objects.get(pk=started.pk)
    instance.stage = "Both"
    before = InstanceEvent.objects.filter(instance=started).count()
    new = [InstanceEvent(instance=started, type=EventType.MESSAGE_SENT, data={})]
    statements.insert_and_update(
        statements.insert_statement(new), statements.update_statement(instance, ["stage"])
    )
    assert ProcessInstance.objects.get(pk=started.pk).stage == "Both"
    assert InstanceEvent.objects.filter(instance=started).count() == before + 1


def test_history_rows_inserted_plain_are_the_rows_bulk_create_inserts(started):
    user = make_user("recorder")
    cases = [
        (EventType.TASK_COMPLETED, "review", user, {"task": 7, "note": "dé, 1.5"}),
        (EventType.STAGE_REACHED, "", None, {}),
        (EventType.MESSAGE_SENT, "send", None, {"nested": {"list": [1, None, True]}}),
    ]

    def stored():
        rows = InstanceEvent.objects.filter(instance=started, pk__gt=last).order_by("id")
        return [model_to_dict(e, exclude=["id", "at"]) | {"at": e.at} for e in rows]

    last = InstanceEvent.objects.filter(instance=started).latest("id").pk
    with transaction.atomic():
        InstanceEvent.objects.bulk_create(
            InstanceEvent(instance=started, type=kind, element_id=element, user=who, data=data)
            for kind, element, who, data in cases
        )
        orm = stored()
        transaction.set_rollback(True)
    pending = [
        db_events.PendingEvent(started.pk, kind, element, who.pk if who else None, data)
        for kind, element, who, data in cases
    ]
    statements.run(db_events.insert_events(pending))
    plain = stored()
    assert [{k: v for k, v in row.items() if k != "at"} for row in plain] == [
        {k: v for k, v in row.items() if k != "at"} for row in orm
    ]
    # One moment for the step's rows, stored as the ORM stores a moment (aware, UTC).
    assert len({row["at"] for row in plain}) == 1
    assert plain[0]["at"].tzinfo is not None
    assert abs((plain[0]["at"] - orm[0]["at"]).total_seconds()) < 60


def test_the_history_rows_columns_are_the_models(started):
    model = [f.column for f in InstanceEvent._meta.concrete_fields if not f.primary_key]
    assert sorted(db_events.COLUMNS) == sorted(model)
    # PendingEvent names each column but `at`, which the step's end gives.
    named = [field.name for field in dataclasses.fields(db_events.PendingEvent)]
    assert named == [column for column in db_events.COLUMNS if column != "at"]


def test_a_worker_commit_does_not_wait_for_the_disk_on_postgresql(settings):
    if connection.vendor != "postgresql":
        pytest.skip("a transaction's commit option is PostgreSQL's (set DATABASE_URL)")
    settings.HYPERCRM = {**settings.HYPERCRM, "WORKER_ASYNC_COMMIT": True}
    with transaction.atomic():
        db_instances.commit_without_waiting()
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "off"
