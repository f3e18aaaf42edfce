"""Signals as Camunda Modeler 5 draws them: a broadcast reaches every waiting instance and
starts every process with a signal start event — sent by hand or thrown by a process."""

import pytest
from rest_framework.test import APIClient

from engine.models import HumanTask, ProcessInstance, SignalSubscription
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def deployed(db):
    path = FIXTURES / "camunda" / "signals.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_signal_sent_by_hand_reaches_every_waiting_instance_and_starts_processes(deployed):
    waiting = [instance_start(definition_key="recall_wait") for _ in range(3)]
    assert SignalSubscription.objects.filter(name="product_recall").count() == 3
    erin = make_user("erin", "managers")
    answer = _client(erin).post(
        "/api/signals/", {"name": "product_recall", "variables": {"sku": "GX-1"}}, format="json"
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["reached"] == [i.pk for i in waiting]
    for instance in waiting:
        instance.refresh_from_db()
        assert instance.status == "completed" and instance.variables["sku"] == "GX-1"
    [started] = body["started"]
    handling = ProcessInstance.objects.get(pk=started)
    assert handling.definition.key == "recall_handling"
    assert HumanTask.objects.get(instance=handling).name == "Contact the customers"
    assert handling.variables["sku"] == "GX-1"
    assert not SignalSubscription.objects.exists()
    # Nobody waits now: the signal still starts the handling, and is no error.
    again = _client(erin).post("/api/signals/", {"name": "product_recall"}, format="json").json()
    assert again["reached"] == [] and len(again["started"]) == 1


def test_a_signal_thrown_by_a_process_reaches_the_others(
    deployed, django_capture_on_commit_callbacks
):
    waiting = instance_start(definition_key="recall_wait")
    with django_capture_on_commit_callbacks(execute=True):
        announcer = instance_start(definition_key="recall_announce")
    announcer.refresh_from_db()
    assert announcer.status == "completed"
    waiting.refresh_from_db()
    assert waiting.status == "completed"
    assert ProcessInstance.objects.filter(definition__key="recall_handling").count() == 1
    assert waiting.events.filter(type="signal_caught", element_id="Event_recall_heard").exists()


def test_signals_are_for_managers_and_need_a_name(deployed):
    alice = make_user("alice", "sales")
    refused = _client(alice).post("/api/signals/", {"name": "product_recall"}, format="json")
    assert refused.status_code == 403 and "managers" in refused.json()["detail"]
    erin = make_user("erin", "managers")
    missing = _client(erin).post("/api/signals/", {"variables": {}}, format="json")
    assert missing.status_code == 400 and "name" in missing.json()["errors"]
    assert not ProcessInstance.objects.exists()
