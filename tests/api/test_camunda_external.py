"""Camunda 7's external-task REST API under /engine-rest/: fetch and lock, complete,
failure, BPMN error, extend and unlock — with Camunda's JSON shapes and typed variables."""

import base64
import time

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from engine.models import ExternalTask, Incident, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import incident_retry, instance_cancel
from tests.factories import FIXTURES, make_user, run_due_work

pytestmark = pytest.mark.django_db
BASE = "/engine-rest"


@pytest.fixture
def deployed(db):
    path = FIXTURES / "camunda" / "external_order.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)


@pytest.fixture
def worker(db):
    """A worker's technical account, signed in by HTTP Basic as Camunda clients do."""
    make_user("robot", "external-workers", password="robot-pass")
    client = APIClient()
    secret = base64.b64encode(b"robot:robot-pass").decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {secret}")
    return client


def _start(client, amount=100, business_key="SO-1"):
    answer = client.post(
        f"{BASE}/process-definition/key/external_order/start",
        {
            "variables": {"amount": {"value": amount, "type": "Integer"}},
            "businessKey": business_key,
        },
        format="json",
    )
    assert answer.status_code == 200, answer.content
    instance = ProcessInstance.objects.get(pk=int(answer.json()["id"]))
    return run_due_work(instance)


def _fetch(client, topic="credit-check", worker_id="w1", lock_ms=10_000, **extra):
    body = {
        "workerId": worker_id,
        "maxTasks": 5,
        "topics": [{"topicName": topic, "lockDuration": lock_ms, **extra}],
    }
    answer = client.post(f"{BASE}/external-task/fetchAndLock", body, format="json")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_engine_list_and_a_task_waits_for_its_worker(deployed, worker):
    assert worker.get(f"{BASE}/engine").json() == [{"name": "default"}]
    instance = _start(worker)
    assert instance.status == "running" and "Activity_check_credit" in instance.active
    row = ExternalTask.objects.get(instance=instance)
    assert (row.topic, row.priority, row.worker_id) == ("credit-check", 10, "")
    # Nobody fetched it: it waits, it does not fail.
    run_due_work(instance)
    assert not Incident.objects.exists()


def test_fetch_locks_with_camunda_shape_and_typed_variables(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker)
    assert task["topicName"] == "credit-check"
    assert task["activityId"] == "Activity_check_credit"
    assert task["processInstanceId"] == str(instance.pk)
    assert task["processDefinitionKey"] == "external_order"
    assert task["businessKey"] == "SO-1"
    assert task["workerId"] == "w1" and task["retries"] is None
    assert task["variables"]["amount"] == {"value": 100, "type": "Integer", "valueInfo": {}}
    assert task["variables"]["requester"]["value"] == "robot"  # camunda:initiator
    assert task["lockExpirationTime"].endswith("+0000")
    # Locked: a second worker gets nothing; only the named variables are sent.
    assert _fetch(worker, worker_id="w2") == []
    second = _start(worker, business_key="SO-2")
    [other] = _fetch(worker, worker_id="w2", variables=["amount"])
    assert other["processInstanceId"] == str(second.pk)
    assert set(other["variables"]) == {"amount"}


def test_complete_moves_the_process_on_with_the_variables(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker)
    answer = worker.post(
        f"{BASE}/external-task/{task['id']}/complete",
        {
            "workerId": "w1",
            "variables": {
                "score": {"value": 712, "type": "Long"},
                "report": {"value": '{"bureau": "acme"}', "type": "Json"},
                "ok": {"value": True},
            },
        },
        format="json",
    )
    assert answer.status_code == 204, answer.content
    instance.refresh_from_db()
    assert instance.active == ["Activity_send_invoice"]
    assert instance.variables["report"] == {"bureau": "acme"}
    assert instance.variables["score"] == 712 and instance.variables["ok"] is True
    types = list(instance.events.values_list("type", flat=True))
    assert "external_task_completed" in types and "service_task_run" in types
    [invoice] = _fetch(worker, topic="invoice-send")
    worker.post(f"{BASE}/external-task/{invoice['id']}/complete", {"workerId": "w1"}, format="json")
    instance.refresh_from_db()
    assert instance.status == "completed"
    assert not ExternalTask.objects.exists()
    # Completing again: the task is gone.
    again = worker.post(
        f"{BASE}/external-task/{invoice['id']}/complete", {"workerId": "w1"}, format="json"
    )
    assert again.status_code == 404
    assert again.json()["type"] == "InvalidRequestException"
    assert "does not exist" in again.json()["message"]


def test_another_worker_or_an_expired_lock_cannot_complete(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker, lock_ms=300)
    url = f"{BASE}/external-task/{task['id']}/complete"
    refused = worker.post(url, {"workerId": "w2"}, format="json")
    assert refused.status_code == 409
    assert "locked by worker 'w1'" in refused.json()["message"]
    time.sleep(0.4)
    expired = worker.post(url, {"workerId": "w1"}, format="json")
    assert expired.status_code == 409 and "expired" in expired.json()["message"]
    [again] = _fetch(worker, worker_id="w2")  # the lock is free again
    assert again["id"] == task["id"] and again["workerId"] == "w2"
    lost = worker.post(url, {"workerId": "w1"}, format="json")
    assert lost.status_code == 409 and "locked by worker 'w2'" in lost.json()["message"]
    instance.refresh_from_db()
    assert "Activity_check_credit" in instance.active


def test_failure_with_retries_then_incident_at_zero_and_retry(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker)
    url = f"{BASE}/external-task/{task['id']}/failure"
    answer = worker.post(
        url,
        {"workerId": "w1", "errorMessage": "bureau down", "retries": 2, "retryTimeout": 300},
        format="json",
    )
    assert answer.status_code == 204, answer.content
    assert _fetch(worker) == []  # waiting out its retry timeout
    time.sleep(0.35)
    [again] = _fetch(worker)
    assert again["retries"] == 2 and again["errorMessage"] == "bureau down"
    worker.post(
        url,
        {"workerId": "w1", "errorMessage": "bureau still down", "retries": 0, "retryTimeout": 0},
        format="json",
    )
    instance.refresh_from_db()
    assert instance.status == "error"
    incident = Incident.objects.get(instance=instance)
    assert incident.element_id == "Activity_check_credit"
    assert "bureau still down" in incident.error and "w1" in incident.error
    assert _fetch(worker) == []
    incident_retry(incident_id=incident.pk)
    instance.refresh_from_db()
    assert instance.status == "running"
    [fresh] = _fetch(worker)
    assert fresh["retries"] is None and fresh["activityId"] == "Activity_check_credit"


def test_bpmn_error_caught_by_the_boundary_event(deployed, worker):
    instance = _start(worker, amount=999_999)
    [task] = _fetch(worker)
    answer = worker.post(
        f"{BASE}/external-task/{task['id']}/bpmnError",
        {
            "workerId": "w1",
            "errorCode": "CREDIT_REFUSED",
            "errorMessage": "over the limit",
            "variables": {"reason": {"value": "limit", "type": "String"}},
        },
        format="json",
    )
    assert answer.status_code == 204, answer.content
    instance.refresh_from_db()
    assert instance.status == "completed"
    assert instance.variables["reason"] == "limit"
    assert "Order rejected" in instance.events.values_list("data__stage", flat=True)


def test_uncaught_bpmn_error_is_an_incident_naming_the_code(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker)
    worker.post(f"{BASE}/external-task/{task['id']}/complete", {"workerId": "w1"}, format="json")
    [invoice] = _fetch(worker, topic="invoice-send")
    worker.post(
        f"{BASE}/external-task/{invoice['id']}/bpmnError",
        {"workerId": "w1", "errorCode": "NO_PRINTER"},
        format="json",
    )
    instance.refresh_from_db()
    assert instance.status == "error"
    error = Incident.objects.get(instance=instance).error
    assert "NO_PRINTER" in error and "Send invoice" in error


def test_extend_lock_and_unlock(deployed, worker):
    _start(worker)
    [task] = _fetch(worker, lock_ms=300)
    base = f"{BASE}/external-task/{task['id']}"
    answer = worker.post(
        f"{base}/extendLock", {"workerId": "w1", "newDuration": 60_000}, format="json"
    )
    assert answer.status_code == 204
    time.sleep(0.4)
    assert _fetch(worker, worker_id="w2") == []  # still w1's
    assert (
        worker.post(
            f"{base}/extendLock", {"workerId": "w2", "newDuration": 10}, format="json"
        ).status_code
        == 409
    )
    assert worker.post(f"{base}/unlock", {}, format="json").status_code == 204
    [again] = _fetch(worker, worker_id="w2")
    assert again["workerId"] == "w2"


def test_long_polling_waits_for_a_task(deployed, worker):
    began = time.monotonic()
    answer = worker.post(
        f"{BASE}/external-task/fetchAndLock",
        {
            "workerId": "w1",
            "maxTasks": 1,
            "asyncResponseTimeout": 600,
            "topics": [{"topicName": "credit-check", "lockDuration": 1000}],
        },
        format="json",
    )
    waited = time.monotonic() - began
    assert answer.status_code == 200 and answer.json() == []
    assert 0.55 <= waited < 3


def test_bearer_token_and_refusals(deployed, worker):
    anonymous = APIClient()
    denied = anonymous.post(f"{BASE}/external-task/fetchAndLock", {}, format="json")
    assert denied.status_code == 401
    assert denied["WWW-Authenticate"].startswith("Basic")
    assert denied.json()["type"] == "AuthenticationException"
    alice = make_user("alice", "sales")
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.create(user=alice).key}")
    refused = bearer.post(
        f"{BASE}/external-task/fetchAndLock",
        {"workerId": "a", "topics": [{"topicName": "credit-check", "lockDuration": 10}]},
        format="json",
    )
    assert refused.status_code == 403
    assert "external-workers" in refused.json()["message"]
    robot_token = Token.objects.create(user=make_user("robot2", "external-workers"))
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {robot_token.key}")
    assert _fetch(bearer) == []


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"topics": [{"topicName": "t", "lockDuration": 10}]}, "workerId"),
        ({"workerId": "w"}, "topics"),
        ({"workerId": "w", "topics": [{"lockDuration": 10}]}, "topicName"),
        ({"workerId": "w", "topics": [{"topicName": "t"}]}, "lockDuration"),
        ({"workerId": "w", "topics": [{"topicName": "t", "lockDuration": -5}]}, "lockDuration"),
        (
            {"workerId": "w", "maxTasks": "x", "topics": [{"topicName": "t", "lockDuration": 1}]},
            "maxTasks",
        ),
        ({"workerId": "w", "topics": "credit-check"}, "topics"),
    ],
)
def test_bad_fetch_requests_name_what_is_wrong(deployed, worker, body, named):
    answer = worker.post(f"{BASE}/external-task/fetchAndLock", body, format="json")
    assert answer.status_code == 400
    assert named in answer.json()["message"]


def test_bad_reports_change_nothing(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker)
    base = f"{BASE}/external-task/{task['id']}"
    cases = [
        (
            "complete",
            {"workerId": "w1", "variables": {"n": {"value": "x", "type": "Integer"}}},
            "n",
        ),
        (
            "complete",
            {"workerId": "w1", "variables": {"f": {"value": "AA==", "type": "Bytes"}}},
            "f",
        ),
        ("complete", {"workerId": "w1", "variables": {"n": 5}}, "n"),
        ("complete", {}, "workerId"),
        ("failure", {"workerId": "w1", "retries": -1}, "retries"),
        ("failure", {"workerId": "w1"}, "retries"),
        ("bpmnError", {"workerId": "w1"}, "errorCode"),
        ("extendLock", {"workerId": "w1"}, "newDuration"),
    ]
    for action, body, named in cases:
        answer = worker.post(f"{base}/{action}", body, format="json")
        assert answer.status_code == 400, (action, body, answer.content)
        assert named in answer.json()["message"], (action, answer.json())
    assert (
        worker.post(
            f"{BASE}/external-task/nope/complete", {"workerId": "w1"}, format="json"
        ).status_code
        == 404
    )
    instance.refresh_from_db()
    assert "Activity_check_credit" in instance.active and instance.status == "running"
    assert ExternalTask.objects.get().worker_id == "w1"


def test_cancelled_or_suspended_instances_give_no_tasks(deployed, worker):
    instance = _start(worker)
    [task] = _fetch(worker, lock_ms=1)
    time.sleep(0.01)
    instance_cancel(instance_id=instance.pk)
    assert _fetch(worker) == []
    answer = worker.post(
        f"{BASE}/external-task/{task['id']}/complete", {"workerId": "w1"}, format="json"
    )
    assert answer.status_code == 404


def test_a_topic_with_a_connector_is_run_by_it(deployed, worker):
    from engine.connectors import register_connector, unregister_connector

    register_connector("credit-check", lambda params, *, data: {"score": 1})
    try:
        instance = _start(worker)
        assert instance.active == ["Activity_send_invoice"]
        assert _fetch(worker) == []
    finally:
        unregister_connector("credit-check")


def test_message_and_start_answer_camunda_shapes(deployed, worker):
    erin = make_user("erin", "managers", password="erin-pass")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"erin:erin-pass").decode())
    started = client.post(
        f"{BASE}/process-definition/key/external_order/start", {}, format="json"
    ).json()
    assert started["definitionId"].startswith("external_order:1:")
    assert started["ended"] is False and started["suspended"] is False
    missing = client.post(f"{BASE}/process-definition/key/nothing/start", {}, format="json")
    assert missing.status_code in (400, 404) and "nothing" in missing.json()["message"]
    nobody = client.post(
        f"{BASE}/message", {"messageName": "paid", "businessKey": "X"}, format="json"
    )
    assert nobody.status_code == 404 and "paid" in nobody.json()["message"]
    refused = client.post(
        f"{BASE}/message", {"messageName": "paid", "processInstanceId": "1"}, format="json"
    )
    assert refused.status_code == 400 and "processInstanceId" in refused.json()["message"]
    assert erin.pk
