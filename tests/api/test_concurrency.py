"""Twenty people complete the same task at once over HTTP: one 200, nineteen 409."""

import threading

import pytest
import requests
from django.db import connection

from engine.models import HumanTask, InstanceEvent
from engine.services.instances import instance_start
from tests.factories import deploy_fixture, make_user


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)
def test_twenty_concurrent_http_completions(live_server):
    deploy_fixture()
    make_user("alice", "sales", password="pw-for-tests")
    instance = instance_start(definition_key="order_approval")
    task = HumanTask.objects.get(instance=instance)
    token = requests.post(
        f"{live_server.url}/api/auth/token/", json={"username": "alice", "password": "pw-for-tests"}
    ).json()["token"]
    barrier = threading.Barrier(20)
    statuses: list[int] = []
    lock = threading.Lock()

    def complete():
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        barrier.wait()
        answer = session.post(
            f"{live_server.url}/api/tasks/{task.pk}/complete/",
            json={"data": {"customer": "ACME", "quantity": 2, "price": 3}},
        )
        with lock:
            statuses.append(answer.status_code)

    threads = [threading.Thread(target=complete) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] + [409] * 19
    completions = InstanceEvent.objects.filter(instance=instance, type="task_completed")
    assert completions.count() == 1
