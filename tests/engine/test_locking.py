"""The one lock per instance (engine/services/locking.py)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from engine.exceptions import NotFound
from engine.models import HumanTask, ProcessInstance
from engine.runtime.caches import DEFINITIONS
from engine.services.instances import instance_start
from engine.services.locking import cached_definition, lock_instance, lock_instance_of_task
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def started():
    deploy_fixture()
    return instance_start(definition_key="order_approval", user=make_user("alice", "sales"))


def test_locking_a_missing_instance_says_which(started):
    with transaction.atomic(), pytest.raises(NotFound, match=f"{started.pk + 99} does not"):
        lock_instance(started.pk + 99)


def test_the_locked_instance_comes_with_its_definition_in_one_statement(started):
    DEFINITIONS.clear()
    with transaction.atomic():
        cached_definition(started.definition_id)  # read once, then from the cache
        with CaptureQueriesContext(connection) as queries:
            locked = lock_instance(started.pk)
            assert locked.definition.key == "order_approval"
    assert len(queries.captured_queries) == 1
    assert locked.status == ProcessInstance.Status.RUNNING
    assert locked.revision == started.revision


def test_a_task_locks_its_instance(started):
    task = HumanTask.objects.get(instance=started)
    with transaction.atomic():
        locked = lock_instance_of_task(task.pk)
        assert locked is not None and locked.pk == started.pk
        assert lock_instance_of_task(task.pk + 99) is None


def test_a_definition_version_is_read_once(started):
    DEFINITIONS.clear()
    with CaptureQueriesContext(connection) as queries:
        first = cached_definition(started.definition_id)
        again = cached_definition(started.definition_id)
    assert first is again
    assert len(queries.captured_queries) == 1
