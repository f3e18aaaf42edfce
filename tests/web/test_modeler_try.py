"""'Try it' in the modeler: a test run of the edited diagram with sample data."""

import json

from django.apps import apps

from engine.models import ProcessDefinition
from tests.factories import deploy_fixture


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_test_run_of_the_edited_diagram_shows_its_path_and_stores_nothing(login, users, db):
    [definition] = deploy_fixture()
    olga = login(users["olga"])
    # An edit not deployed: a small order now also needs the approval.
    xml = definition.bpmn_xml.replace("total &gt; 1000", "total &gt; 10")
    sample = {
        "tasks": {
            "enter_order": {"customer": "ACME", "quantity": 2, "price": 30},
            "approve_order": {"approved": True},
        }
    }
    before = _counts()
    response = post_json(
        olga,
        "/modeler/try/",
        {"xml": xml, "base": {"key": "order_approval", "version": 1}, "sample": sample},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "completed"
    assert "approve_order" in [step["element_id"] for step in body["path"]]
    assert body["path"][2]["produced"] == {"total": 60}
    assert _counts() == before
    assert ProcessDefinition.objects.filter(key="order_approval").count() == 1


def test_sample_data_that_is_not_an_object_is_a_400_naming_it(login, users, db):
    [definition] = deploy_fixture()
    olga = login(users["olga"])
    for sample in (["not", "an", "object"], {"tasks": "none"}):
        response = post_json(olga, "/modeler/try/", {"xml": definition.bpmn_xml, "sample": sample})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "sample"


def test_a_diagram_that_would_not_deploy_is_a_400_with_its_problems(login, users, db):
    response = post_json(login(users["olga"]), "/modeler/try/", {"xml": "<nope/>", "sample": {}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_only_process_owners_try_a_diagram(login, users, db):
    [definition] = deploy_fixture()
    response = post_json(login(users["erin"]), "/modeler/try/", {"xml": definition.bpmn_xml})
    assert response.status_code == 403


PAYMENT = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
    targetNamespace="t">
  <bpmn:message id="paid_message" name="Payment received" />
  <bpmn:process id="dunning" name="Dunning" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:eventBasedGateway id="race" />
    <bpmn:intermediateCatchEvent id="paid" name="Paid">
      <bpmn:messageEventDefinition messageRef="paid_message" />
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="week_gone" name="A week gone">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:scriptTask id="thank" name="Thank" scriptFormat="python">
      <bpmn:script>thanked = amount</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="paid_end" /><bpmn:endEvent id="reminded" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="race" />
    <bpmn:sequenceFlow id="f2" sourceRef="race" targetRef="paid" />
    <bpmn:sequenceFlow id="f3" sourceRef="race" targetRef="week_gone" />
    <bpmn:sequenceFlow id="f4" sourceRef="paid" targetRef="thank" />
    <bpmn:sequenceFlow id="f5" sourceRef="thank" targetRef="paid_end" />
    <bpmn:sequenceFlow id="f6" sourceRef="week_gone" targetRef="reminded" />
  </bpmn:process>
</bpmn:definitions>"""


def test_the_sample_delivers_a_message_or_fires_a_timer_and_nothing_is_stored(login, users, db):
    olga = login(users["olga"])
    before = _counts()
    paid = post_json(
        olga,
        "/modeler/try/",
        {"xml": PAYMENT, "sample": {"messages": {"Payment received": {"amount": 90}}}},
    ).json()
    assert paid["status"] == "completed"
    assert [s["element_id"] for s in paid["path"]][-3:] == ["paid", "thank", "paid_end"]
    assert paid["variables"]["thanked"] == 90
    late = post_json(
        olga, "/modeler/try/", {"xml": PAYMENT, "sample": {"timers": ["week_gone"]}}
    ).json()
    assert [s["element_id"] for s in late["path"]][-2:] == ["week_gone", "reminded"]
    assert all(s["process"] == "dunning" for s in late["path"])
    assert _counts() == before


def test_timers_and_messages_the_run_cannot_read_are_a_400_naming_them(login, users, db):
    olga = login(users["olga"])
    for sample, word in (
        ({"timers": "week_gone"}, '"timers"'),
        ({"timers": [3]}, '"timers"'),
        ({"messages": ["Payment received"]}, '"messages"'),
        ({"messages": {"Payment received": 90}}, '"messages"'),
    ):
        answer = post_json(olga, "/modeler/try/", {"xml": PAYMENT, "sample": sample})
        assert answer.status_code == 400, sample
        [error] = answer.json()["errors"]
        assert error["field"] == "sample" and word in error["message"]
