"""A refused payment says why, in the reader's language: above the payment task's form when
the process sends it back, and in the incident (page and API) when nothing catches it —
where a retry after the fix closes the incident."""

from decimal import Decimal

import pytest
from django.test import Client

from engine.models import HumanTask, Incident, ProcessInstance
from engine.services.variables import instance_variables_update
from tests.api.helpers import start, upload
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import order_until_payment, settle

pytestmark = pytest.mark.django_db

OWED = {
    "en": "is still owed on",
    "fr": "Il ne reste que",
    "ru": "осталось оплатить только",
}


@pytest.fixture
def at_payment(team, deployed):
    lamp = make_product("LAMP", list_price=Decimal("50.00"))
    stock(lamp, make_warehouse("WH1"), 10)
    return order_until_payment(team, customer=make_customer(), product=lamp, quantity=4)


def _page(user, task: HumanTask, language: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/tasks/{task.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_payment_task_comes_back_saying_why(team, at_payment):
    alice = team.alice
    alice.work("record_payment", {"amount": 500, "method": "cash"}, at_payment)
    settle()
    task = HumanTask.objects.get(
        instance_id=at_payment, element_id="record_payment", status__in=["open", "claimed"]
    )
    # It is hers again, to put right: claimed for her, not back in the group's queue.
    assert (task.status, task.assignee) == ("claimed", alice.user)
    for language, words in OWED.items():
        page = _page(alice.user, task, language)
        assert 'id="refusal"' in page and words in page, (language, page)
    assert "{" not in page.split('id="refusal"')[1].split("</div>")[0]
    # Paid right, the next round of the task (nothing left to pay here) carries no refusal.
    alice.work("record_payment", {"amount": 120, "method": "cash"}, at_payment)
    settle()
    task = HumanTask.objects.get(
        instance_id=at_payment, element_id="record_payment", status__in=["open", "claimed"]
    )
    assert 'id="refusal"' not in _page(alice.user, task, "en")


PAY_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  id="Definitions_pay" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="pay_invoice" name="Pay an invoice" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="book" name="Book the payment">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="sales.record_payment" resultVariable="payment">
          <spiffworkflow:parameters />
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="done" name="Booked"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="book" />
    <bpmn:sequenceFlow id="f2" sourceRef="book" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""


def test_an_uncaught_refusal_is_an_incident_in_the_readers_language(team, at_payment, api):
    invoice = ProcessInstance.objects.get(pk=at_payment).variables["invoice"]
    assert upload(api(team.olga.user), PAY_BPMN, "pay.bpmn").status_code == 201
    variables = {"invoice_id": invoice["invoice_id"], "amount": 900, "method": "cash"}
    response = start(api(team.erin.user), "pay_invoice", variables=variables)
    instance = run_due_work(ProcessInstance.objects.get(pk=response.json()["id"]))
    incident = Incident.objects.get(instance=instance, status="open")
    erin = api(team.erin.user)
    for language, words in OWED.items():
        answer = erin.get(f"/api/incidents/?instance={instance.pk}", HTTP_ACCEPT_LANGUAGE=language)
        error = answer.json()["results"][0]["error"]
        assert words in error and "{" not in error, (language, error)
    client = Client()
    client.force_login(team.erin.user)
    page = client.get(
        f"/monitor/instances/{instance.pk}/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert OWED["fr"] in page
    # Who can fix it, by name: the groups that retry and change the data.
    assert "Qui peut corriger : le groupe « managers » relance l’étape" in page
    assert "le groupe « process-owners » peut aussi les modifier" in page

    # Retried unchanged: it fails again and says so; fixed, the retry closes the incident.
    page = client.post(f"/monitor/incidents/{incident.pk}/retry/", follow=True).content.decode()
    assert "failed again (attempt 2)" in page and "succeeded" not in page
    instance_variables_update(instance_id=instance.pk, changes={"amount": 50}, user=team.erin.user)
    page = client.post(f"/monitor/incidents/{incident.pk}/retry/", follow=True).content.decode()
    assert "ran again and succeeded" in page
    incident.refresh_from_db()
    assert incident.status == "resolved"
    assert ProcessInstance.objects.get(pk=instance.pk).status == "completed"


def test_the_payment_task_in_french_and_russian(team, at_payment):
    """The form's words, the order's statuses and its units in the reader's language."""
    task = HumanTask.objects.get(instance_id=at_payment, element_id="record_payment")
    page = _page(team.alice.user, task, "fr")
    for words in ("Montant payé", "Moyen de paiement", "Virement bancaire", "Confirmée"):
        assert words in page, words
    assert "Amount paid" not in page and "Bank transfer" not in page
    page = _page(team.alice.user, task, "ru")
    assert "Оплаченная сумма" in page and "4 шт." in page
