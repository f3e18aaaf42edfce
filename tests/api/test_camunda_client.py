"""Acceptance: Camunda's published Python client (camunda-external-task-client-python3,
from PyPI, unmodified) works HyperCRM's external tasks over /engine-rest/ of a live server:
it starts processes, fetches and locks, completes, fails and throws a BPMN error; a second
worker that lets its lock expire loses the task to the first."""

import time

import pytest
import requests

from engine.services.definitions import definition_deploy
from tests.factories import FIXTURES, make_user

camunda_client = pytest.importorskip("camunda.client.engine_client")
from camunda.client.engine_client import EngineClient  # noqa: E402
from camunda.external_task.external_task_worker import (  # noqa: E402
    ExternalTaskWorker,
    NoExternalTaskFound,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(live_server):
    path = FIXTURES / "camunda" / "external_order.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    make_user("robot", "external-workers", password="robot-pass")
    make_user("erin", "managers", password="erin-pass")
    session = requests.Session()
    token = session.post(
        f"{live_server.url}/api/auth/token/", json={"username": "erin", "password": "erin-pass"}
    ).json()["token"]
    session.headers["Authorization"] = f"Token {token}"
    return live_server.url, session, token


def _worker(base, worker_id, **config):
    settings = {
        "auth_basic": {"username": "robot", "password": "robot-pass"},
        "maxTasks": 10,
        "lockDuration": 10_000,
        "asyncResponseTimeout": 1000,
        "sleepSeconds": 0,
        **config,
    }
    return ExternalTaskWorker(worker_id=worker_id, base_url=f"{base}/engine-rest", config=settings)


def _instance(session, base, pk):
    return session.get(f"{base}/api/instances/{pk}/").json()


def test_published_client_fetches_completes_fails_and_throws(server):
    base, session, token = server
    engine = EngineClient(f"{base}/engine-rest", config={"auth_bearer": {"access_token": token}})
    orders = {
        key: int(engine.start_process("external_order", {"amount": amount}, business_key=key)["id"])
        for key, amount in (("SO-100", 100), ("SO-200", 999_999), ("SO-300", 250))
    }
    worker = _worker(base, "worker-1")

    def check_credit(task):
        if task.get_variable("amount") > 10_000:
            return task.bpmn_error("CREDIT_REFUSED", "over the limit", {"reason": "limit"})
        return task.complete({"score": 700, "bureau": task.get_extension_property("bureau")})

    worker.fetch_and_execute("credit-check", check_credit)  # all three in one fetch
    rejected = _instance(session, base, orders["SO-200"])
    assert rejected["status"] == "completed"
    assert rejected["stage"] == "Order rejected" and rejected["variables"]["reason"] == "limit"
    assert _instance(session, base, orders["SO-100"])["active"] == ["Activity_send_invoice"]

    attempts = []

    def send_invoice(task):
        attempts.append(task.get_business_key())
        if task.get_business_key() == "SO-300":
            return task.failure("printer on fire", "tray 2", max_retries=0, retry_timeout=0)
        if attempts.count("SO-100") == 1:
            return task.failure("mail server busy", None, max_retries=1, retry_timeout=0)
        return task.complete({"invoice": "INV-1"})

    worker.fetch_and_execute("invoice-send", send_invoice)
    assert sorted(attempts) == ["SO-100", "SO-300"]
    worker.fetch_and_execute("invoice-send", send_invoice)  # SO-100's retry
    with pytest.raises(NoExternalTaskFound):  # SO-300 has no retries left
        worker.fetch_and_execute("invoice-send", send_invoice)

    invoiced = _instance(session, base, orders["SO-100"])
    assert invoiced["status"] == "completed" and invoiced["stage"] == "Order invoiced"
    assert invoiced["variables"]["score"] == 700 and invoiced["variables"]["invoice"] == "INV-1"
    failed = _instance(session, base, orders["SO-300"])
    assert failed["status"] == "error"
    [incident] = session.get(f"{base}/api/incidents/?status=open").json()["results"]
    assert incident["instance"] == orders["SO-300"]
    assert incident["element_id"] == "Activity_send_invoice"
    assert "printer on fire" in incident["error"]


def test_a_worker_that_lets_its_lock_expire_loses_the_task(server):
    base, session, token = server
    engine = EngineClient(f"{base}/engine-rest", config={"auth_bearer": {"access_token": token}})
    pk = int(engine.start_process("external_order", {"amount": 50}, business_key="SO-7")["id"])
    slow = _worker(base, "worker-slow", lockDuration=300)
    fast = _worker(base, "worker-fast")

    def dawdle(task):
        time.sleep(0.6)  # past its 300 ms lock
        [taken] = fast.client.fetch_and_lock("credit-check")
        assert taken["id"] == task.get_task_id() and taken["workerId"] == "worker-fast"
        return task.complete({"score": 1})

    with pytest.raises(Exception, match="locked by worker 'worker-fast'"):
        slow.fetch_and_execute("credit-check", dawdle)
    assert _instance(session, base, pk)["active"][0] == "Activity_check_credit"
    fast.client.complete(_locked_id(session, base, pk), {"score": 2})
    moved = _instance(session, base, pk)
    assert moved["active"] == ["Activity_send_invoice"] and moved["variables"]["score"] == 2


def _locked_id(session, base, pk) -> str:
    from engine.models import ExternalTask

    return str(ExternalTask.objects.get(instance_id=pk).spiff_task_id)
