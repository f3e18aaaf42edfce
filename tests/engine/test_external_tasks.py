"""External tasks under concurrency: workers fetching at the same moment never lock one
task twice, and a completion races no other report of the same task."""

import threading
from collections import Counter

import pytest
from django.db import connections

from engine.exceptions import Conflict, NotFound
from engine.models import ExternalTask, InstanceEvent
from engine.services.definitions import definition_deploy
from engine.services.external.fetch import TopicRequest, external_tasks_fetch
from engine.services.external.report import external_task_complete
from engine.services.instances import instance_start
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _deploy():
    path = FIXTURES / "camunda" / "external_order.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)


def _in_threads(count, work):
    barrier = threading.Barrier(count)
    results, lock = [], threading.Lock()

    def run(index):
        try:
            barrier.wait()
            result = work(index)
        except (Conflict, NotFound) as exc:
            result = type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_ten_workers_fetching_at_once_lock_each_task_once():
    _deploy()
    robot = make_user("robot", "external-workers")
    for n in range(6):
        instance_start(definition_key="external_order", variables={"amount": n})

    def fetch(index):
        locked = external_tasks_fetch(
            worker_id=f"w{index}",
            topics=[TopicRequest("credit-check", 60_000)],
            max_tasks=2,
            user=robot,
        )
        return [(str(item.row.spiff_task_id), f"w{index}") for item in locked]

    results = _in_threads(10, fetch)
    assert not [r for r in results if isinstance(r, str)], results
    locks = [lock for found in results for lock in found]
    assert len(locks) == 6 and len({task for task, _worker in locks}) == 6
    held = dict(ExternalTask.objects.values_list("spiff_task_id", "worker_id"))
    assert {str(k): v for k, v in held.items()} == dict(locks)


def test_concurrent_completions_of_one_task_one_wins():
    _deploy()
    robot = make_user("robot", "external-workers")
    instance = instance_start(definition_key="external_order", variables={"amount": 1})
    [locked] = external_tasks_fetch(
        worker_id="w1", topics=[TopicRequest("credit-check", 60_000)], max_tasks=1, user=robot
    )
    task_id = str(locked.row.spiff_task_id)

    def complete(index):
        external_task_complete(task_id=task_id, worker_id="w1", variables={"n": index}, user=robot)
        return "ok"

    results = Counter(_in_threads(8, complete))
    assert results["ok"] == 1 and results["ok"] + results["NotFound"] == 8, results
    done = InstanceEvent.objects.filter(instance=instance, type="external_task_completed")
    assert done.count() == 1
    instance.refresh_from_db()
    assert instance.active[0] == "Activity_send_invoice"
