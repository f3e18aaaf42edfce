"""One lock per instance: concurrent completions of one task — exactly one wins."""

import threading

import pytest
from django.db import connection, connections

from engine.exceptions import Conflict
from engine.models import HumanTask, InstanceEvent
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_completions_one_wins():
    deploy_fixture()
    alice = make_user("alice", "sales")
    instance = instance_start(definition_key="order_approval", user=alice)
    task = HumanTask.objects.get(instance=instance)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def complete():
        try:
            barrier.wait()
            task_complete(
                task_id=task.pk, user=alice, data={"customer": "ACME", "quantity": 2, "price": 3}
            )
            result = "ok"
        except Conflict:
            result = "conflict"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=complete) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["conflict"] * 19 + ["ok"]
    assert InstanceEvent.objects.filter(instance=instance, type="task_completed").count() == 1
    instance.refresh_from_db()
    assert instance.status == "completed"
