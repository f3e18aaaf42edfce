"""Process data is stored once, and a large value is rewritten only when it changes."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from engine.models import HumanTask, InstancePiece
from engine.runtime import hot
from engine.runtime.caches import clear_all
from engine.runtime.pieces import CHUNK, PieceIndex
from engine.runtime.runner import load_workflow, new_workflow, run_engine
from engine.runtime.spiff import TaskState
from engine.runtime.state import SERIALIZER, dump_state, load_state
from engine.services.instances import instance_cancel, instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

ITEMS = 300


def _items(count: int = ITEMS) -> list[dict]:
    return [{"sku": f"SKU-{i:05d}", "quantity": i % 7 + 1, "note": "x" * 20} for i in range(count)]


def _started(items: list[dict]):
    """A multi-instance process over `items`, started by a user who may do everything."""
    deploy_fixture("multi_instance")
    user = make_user("runner", is_superuser=True)
    return user, instance_start(
        definition_key="multi_instance", variables={"items": items}, user=user
    )


def _open_task(instance) -> HumanTask:
    return HumanTask.objects.get(instance=instance, status__in=["open", "claimed"])


def _pieces(instance) -> dict[int, tuple[int, str]]:
    return {p.seq: (p.pk, p.data) for p in InstancePiece.objects.filter(instance=instance)}


def _stored_bytes(instance) -> int:
    instance.refresh_from_db()
    return len(instance.state) + sum(len(data) for _pk, data in _pieces(instance).values())


def test_a_large_list_is_stored_once_and_unchanged_pieces_are_not_rewritten():
    items = _items()
    user, instance = _started(items)
    items_json = len(json.dumps(items, separators=(",", ":")))
    # The list is held by the multi-instance task and by its running item: stored once.
    assert _stored_bytes(instance) < items_json * 1.3
    item_pieces = _pieces(instance)
    # Full runs of CHUNK items are pieces; the last, partial run stays in the state.
    assert len(item_pieces) == ITEMS // CHUNK

    for index in range(3):
        task = _open_task(instance)
        assert task.data["item"] == items[index]
        _task, instance = task_complete(
            task_id=task.pk, user=user, data={"result": {"ok": True, "checked": index}}
        )
    # The items' pieces are the very rows written at the start; the results are small.
    after = _pieces(instance)
    assert {seq: after[seq] for seq in item_pieces} == item_pieces
    assert instance.variables["items"] == items
    assert instance.variables["results"] == [{"ok": True, "checked": i} for i in range(3)]


def test_data_read_from_the_database_equals_the_data_in_memory():
    items = _items()
    user, instance = _started(items)
    for index in range(ITEMS):
        if index % 50 == 0:
            hot.clear()  # as if the next step ran in another worker process
            clear_all()
        task = _open_task(instance)
        assert task.data["item"] == items[index]
        _task, instance = task_complete(
            task_id=task.pk, user=user, data={"result": {"ok": index % 3 == 0}}
        )
    assert instance.status == "completed"
    assert instance.variables["accepted"] == 100
    assert len(instance.variables["results"]) == ITEMS
    # An ended instance keeps its variables; its pieces are gone with its state.
    assert not InstancePiece.objects.filter(instance=instance).exists()


def test_cancelling_keeps_the_variables_and_drops_the_pieces():
    items = _items()
    user, instance = _started(items)
    assert InstancePiece.objects.filter(instance=instance).exists()
    instance = instance_cancel(instance_id=instance.pk, user=user)
    instance.refresh_from_db()
    assert instance.variables["items"] == items
    assert not InstancePiece.objects.filter(instance=instance).exists()


def _workflow_at_first_item(items):
    definition = deploy_fixture("multi_instance")[0]
    workflow = new_workflow(definition, {"items": items})
    run_engine(workflow, elements=definition.elements)
    return definition, workflow


def _reload(definition, saved_pieces: dict, saved):
    from engine.runtime.specs import specs_for

    for seq in saved.deletes:
        saved_pieces.pop(seq)
    saved_pieces.update(saved.inserts)
    saved_pieces.update(saved.updates)
    spec, subprocess_specs = specs_for(definition)
    return load_state(saved.text, spec, subprocess_specs, lambda: dict(saved_pieces))


def test_a_change_deep_inside_a_large_value_is_written():
    items = _items()
    definition, workflow = _workflow_at_first_item(items)
    pieces: dict = {}
    first = dump_state(workflow)
    _reload(definition, pieces, first)
    ready = workflow.get_next_task(state=TaskState.READY, manual=True)
    # A script may change an element in place: same objects, different content.
    inside_a_run = 2 * CHUNK + 1
    ready.data["items"][inside_a_run]["quantity"] = 99
    second = dump_state(workflow)
    # Only the piece holding that item is written, over its own row.
    assert (len(second.updates), len(second.inserts), len(second.deletes)) == (1, 0, 0)
    # An item of the last, partial run is in the state itself: no piece to write.
    ready.data["items"][ITEMS - 1]["quantity"] = 98
    third = dump_state(workflow)
    assert (len(third.updates), len(third.inserts), len(third.deletes)) == (0, 0, 0)
    _reload(definition, pieces, second)
    loaded = _reload(definition, pieces, third)
    task = loaded.get_task_from_id(ready.id)
    assert task.data["items"][inside_a_run]["quantity"] == 99
    assert task.data["items"][ITEMS - 1]["quantity"] == 98
    changed = {inside_a_run, ITEMS - 1}
    assert [v for i, v in enumerate(task.data["items"]) if i not in changed] == [
        v for i, v in enumerate(items) if i not in changed
    ]


def test_values_json_cannot_hold_keep_their_type():
    definition, workflow = _workflow_at_first_item(_items(3))
    ready = workflow.get_next_task(state=TaskState.READY, manual=True)
    values = {
        "amount": Decimal("12.50"),
        "day": date(2026, 11, 28),
        "at": datetime(2026, 11, 28, 9, 30),
        "big": [Decimal(i) for i in range(200)],
        "by_number": {1: "one"},
    }
    ready.data.update(values)
    loaded = _reload(definition, {}, dump_state(workflow))
    data = loaded.get_task_from_id(ready.id).data
    assert {k: data[k] for k in values if k != "by_number"} == {
        k: v for k, v in values.items() if k != "by_number"
    }
    assert type(data["big"][5]) is Decimal
    assert data["by_number"] == {"1": "one"}  # as JSON writes it


def test_a_value_that_cannot_be_stored_is_named():
    _definition, workflow = _workflow_at_first_item(_items(3))
    ready = workflow.get_next_task(state=TaskState.READY, manual=True)
    ready.data["tags"] = {"a", "b"}
    with pytest.raises(TypeError, match="A set value cannot be stored"):
        dump_state(workflow)


def test_tasks_get_their_own_containers_after_loading():
    definition, workflow = _workflow_at_first_item(_items())
    loaded = _reload(definition, {}, dump_state(workflow))
    ready = loaded.get_next_task(state=TaskState.READY, manual=True)
    parent = ready.parent
    assert ready.data["items"] == parent.data["items"]
    assert ready.data["items"] is not parent.data["items"]


def test_a_state_in_the_older_format_still_runs():
    items = _items(4)
    user, instance = _started(items)
    workflow = load_workflow(instance)
    instance.state = SERIALIZER.serialize_json(workflow)  # SpiffWorkflow's own format
    instance.ended_variables = {"items": items}
    instance.save(update_fields=["state", "ended_variables"])
    hot.clear()
    assert "format" not in json.loads(instance.state)
    assert instance.variables == {"items": items}
    task = _open_task(instance)
    assert task.data["item"] == items[0]
    for _ in range(4):
        task = _open_task(instance)
        _task, instance = task_complete(task_id=task.pk, user=user, data={"result": {"ok": True}})
    assert instance.status == "completed"
    assert instance.variables["accepted"] == 4


def test_piece_index_numbers_new_pieces_after_the_stored_ones():
    index = PieceIndex.of({3: "[1]", 7: "[2]"})
    assert index.next_seq == 8
    assert index.by_text == {"[1]": 3, "[2]": 7}


def test_a_multi_instance_tasks_remaining_items_are_stored_as_bounds():
    """300 items to go are two numbers in the state, and come back as the same list."""
    from engine.models import ProcessInstance

    user, instance = _started(_items())
    task = _open_task(instance)
    task_complete(task_id=task.pk, user=user, data={"result": {"ok": True, "checked": 0}})
    stored = ProcessInstance.objects.get(pk=instance.pk)
    tasks = json.loads(stored.state)["workflow"]["tasks"].values()
    remaining = [
        t["internal_data"]["remaining"] for t in tasks if "remaining" in t["internal_data"]
    ]
    assert remaining == [{"range": [2, ITEMS]}]  # item 1 runs, items 2… wait
    hot.clear()
    workflow = load_workflow(stored)
    [parent] = [t for t in workflow.get_tasks() if "remaining" in t.internal_data]
    assert parent.internal_data["remaining"] == list(range(2, ITEMS))
    assert _open_task(instance).data["item"] == _items()[1]


def test_remaining_items_that_do_not_run_one_by_one_are_stored_as_they_are():
    from engine.runtime import remaining

    _definition, workflow = _workflow_at_first_item(_items())
    [parent] = [t for t in workflow.get_tasks() if "remaining" in t.internal_data]
    assert remaining.compact(parent)["remaining"] == {"range": [1, ITEMS]}
    parent.internal_data["remaining"] = [1, 2, 3, 5, 6, 7, 8, 9, 10]  # a gap
    assert remaining.compact(parent)["remaining"] == [1, 2, 3, 5, 6, 7, 8, 9, 10]
    parent.internal_data["remaining"] = [7, 8, 9]  # short: as it is
    assert remaining.compact(parent)["remaining"] == [7, 8, 9]


def test_a_list_appended_to_at_every_step_writes_a_piece_once_per_run():
    items = _items()
    user, instance = _started(items)
    item_pieces = _pieces(instance)
    results_pieces = []
    for index in range(CHUNK + 8):
        task = _open_task(instance)
        _task, instance = task_complete(
            task_id=task.pk,
            user=user,
            data={"result": {"ok": True, "checked": index, "n": "y" * 60}},
        )
        pieces = _pieces(instance)
        results_pieces.append({seq: pieces[seq] for seq in pieces if seq not in item_pieces})
    # Past CHUNK results, the first CHUNK are one piece, written once; the results after
    # them stay in the state.
    settled = results_pieces[CHUNK]
    assert len(settled) == 1
    assert all(later == settled for later in results_pieces[CHUNK + 1 :])
    assert {seq: _pieces(instance)[seq] for seq in item_pieces} == item_pieces
    hot.clear()
    assert instance.variables["results"][-1]["checked"] == CHUNK + 7
    assert len(instance.variables["results"]) == CHUNK + 8
