"""Retrying an incident runs its step at once and answers what really happened: failed
again (the incident stays open, with the new error) or succeeded (it closes)."""

import pytest

from engine.connectors import ConnectorError, register_connector, unregister_connector
from engine.models import Incident, ProcessInstance
from tests.api.helpers import start, upload
from tests.factories import run_due_work

CHARGE_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  id="Definitions_charge" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="charge" name="Charge" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="charge_card" name="Charge the card">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="tests.charge" resultVariable="charged">
          <spiffworkflow:parameters />
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="done" name="Charged"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge_card" />
    <bpmn:sequenceFlow id="f2" sourceRef="charge_card" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""

# The card processor outside: it declines while the bank says no.
BANK = {"answers": []}


def charge(params: dict, *, data: dict) -> dict:
    if BANK["answers"]:
        raise ConnectorError(BANK["answers"].pop(0), code="declined", retryable=False)
    return {"ok": True}


@pytest.fixture
def stuck(api, people):
    register_connector("tests.charge", charge)
    BANK["answers"] = ["The bank is unreachable."]
    response = upload(api(people.olga), CHARGE_BPMN, "charge.bpmn")
    assert response.status_code == 201, response.json()
    instance = ProcessInstance.objects.get(pk=start(api(people.erin), "charge").json()["id"])
    run_due_work(instance)  # the worker runs the service task: it fails
    yield Incident.objects.get(instance=instance, status="open")
    unregister_connector("tests.charge")


@pytest.mark.django_db
def test_a_retry_that_fails_again_answers_the_new_error(api, people, stuck):
    assert stuck.error == "The bank is unreachable."
    BANK["answers"] = ["The card was declined: insufficient funds."]
    response = api(people.erin).post(f"/api/incidents/{stuck.pk}/retry/")
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["status"], answer["attempts"]) == ("open", 2)
    assert answer["error"] == "The card was declined: insufficient funds."
    assert ProcessInstance.objects.get(pk=stuck.instance_id).status == "error"


@pytest.mark.django_db
def test_the_retry_that_succeeds_closes_the_incident_and_the_case_goes_on(api, people, stuck):
    BANK["answers"] = []
    response = api(people.erin).post(f"/api/incidents/{stuck.pk}/retry/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "resolved"
    instance = ProcessInstance.objects.get(pk=stuck.instance_id)
    # It ran in the retry itself, not later in a worker.
    assert (instance.status, instance.stage) == ("completed", "Charged")
    assert not Incident.objects.filter(instance=instance, status="open").exists()


@pytest.mark.django_db
def test_the_monitor_says_what_really_happened(client, people, stuck):
    client.force_login(people.erin)
    BANK["answers"] = ["The card was declined."]
    page = client.post(f"/monitor/incidents/{stuck.pk}/retry/", follow=True).content.decode()
    assert "failed again (attempt 2): The card was declined." in page
    assert "succeeded" not in page
    BANK["answers"] = []
    page = client.post(f"/monitor/incidents/{stuck.pk}/retry/", follow=True).content.decode()
    assert "“Charge the card” ran again and succeeded" in page
