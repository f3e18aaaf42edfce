"""The marks "notify on end" held in memory: the same answer as the table, a mark of this
process seen at once, another process's within FRESH_FOR, and no query per ended case."""

import pytest

from processes.notifications import marks
from processes.notifications.models import EndNotice
from processes.notifications.subscribers import tell_instance_ended

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forgotten():
    marks.forget()
    yield
    marks.forget()


def _in_table() -> frozenset[str]:
    return frozenset(EndNotice.objects.values_list("process_key", flat=True))


def test_the_memory_answers_as_the_table():
    assert marks.marked_processes() == _in_table() == frozenset()
    EndNotice.objects.create(process_key="sales")
    EndNotice.objects.create(process_key="shipment")
    assert marks.marked_processes() == _in_table() == {"sales", "shipment"}
    EndNotice.objects.filter(process_key="sales").delete()
    assert marks.marked_processes() == _in_table() == {"shipment"}


def test_another_process_mark_is_seen_once_the_memory_is_old(monkeypatch):
    assert marks.marked_processes() == frozenset()
    EndNotice.objects.bulk_create([EndNotice(process_key="sales")])  # no signal: as elsewhere
    assert marks.marked_processes() == frozenset()  # within FRESH_FOR
    clock = marks.time.monotonic() + marks.FRESH_FOR
    monkeypatch.setattr(marks.time, "monotonic", lambda: clock)
    assert marks.marked_processes() == {"sales"}


def test_an_ended_case_of_an_unmarked_process_asks_nothing(django_assert_num_queries):
    marks.marked_processes()
    with django_assert_num_queries(0):
        tell_instance_ended(instance_id=1, process_key="sales")


def test_a_read_begun_before_a_change_is_not_kept(monkeypatch):
    """Another thread read the marks while this one saved one: what it read is not kept."""
    values_list = EndNotice.objects.values_list

    def read_then_changed(*args, **kwargs):
        rows = list(values_list(*args, **kwargs))
        EndNotice.objects.create(process_key="sales")  # meanwhile, elsewhere in the process
        return rows

    monkeypatch.setattr(EndNotice.objects, "values_list", read_then_changed)
    assert marks.marked_processes() == frozenset()
    monkeypatch.undo()
    assert marks.marked_processes() == {"sales"}
