# ruff: noqa: E501 - the diagrams are written as the modeler writes them, one element a line
"""No expression a diagram carries can make a start or a step answer 500.

Each diagram has a user task ("first") and then one element whose expression names a
variable the data does not hold. Completing "first" over HTTP answers 200; the instance
shows status `error` with an incident on the element that names the variable.
"""

import pytest

from tests.api.helpers import complete, inbox, start, upload

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    id="Definitions_walk" targetNamespace="http://bpmn.io/schema/bpmn"
    exporter="Camunda Modeler" exporterVersion="5.31.0">
  <bpmn:message id="Message_go" name="go" />
  <bpmn:signal id="Signal_go" name="go-signal" />
"""


def _diagram(bad: str, *, extra: str = "", after: str = "bad", entry: str = "bad") -> bytes:
    """start → first (user task) → `bad` → end; `after` is what leads to the end."""
    return (
        HEAD
        + f"""
  <bpmn:process id="walk" name="Walk" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="first" name="First" camunda:candidateGroups="sales">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    {bad}
    {extra}
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="{entry}" />
    <bpmn:sequenceFlow id="f3" sourceRef="{after}" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""
    ).encode()


IO = "<bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>"


def _user_task(attribute: str) -> bytes:
    return _diagram(f'<bpmn:userTask id="bad" name="Bad" {attribute}>{IO}</bpmn:userTask>')


def _timer(kind: str) -> bytes:
    return _diagram(
        f"""<bpmn:intermediateCatchEvent id="bad" name="Bad">{IO}
      <bpmn:timerEventDefinition><bpmn:{kind} xsi:type="bpmn:tFormalExpression">${{missing_value}}</bpmn:{kind}></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>"""
    )


def _gateway(kind: str) -> bytes:
    return _diagram(
        f"""<bpmn:{kind} id="bad" name="Bad" default="f_default">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f_cond</bpmn:outgoing><bpmn:outgoing>f_default</bpmn:outgoing>
    </bpmn:{kind}>""",
        extra="""<bpmn:sequenceFlow id="f_cond" sourceRef="bad" targetRef="join">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${missing_value &gt; 1}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_default" sourceRef="bad" targetRef="join" />
    <bpmn:exclusiveGateway id="join"><bpmn:incoming>f_cond</bpmn:incoming><bpmn:incoming>f_default</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>""",
        after="join",
    )


def _multi_instance(inner: str) -> bytes:
    return _diagram(
        f"""<bpmn:scriptTask id="bad" name="Bad" scriptFormat="python">{IO}
      <bpmn:multiInstanceLoopCharacteristics isSequential="true" {inner}
      <bpmn:script>done = True</bpmn:script>
    </bpmn:scriptTask>"""
    )


def _correlated_catch(tag: str) -> bytes:
    definition = '<bpmn:messageEventDefinition messageRef="Message_go" />' if "Event" in tag else ""
    ref = ' messageRef="Message_go"' if tag == "receiveTask" else ""
    return _diagram(
        f"""<bpmn:{tag} id="bad" name="Bad"{ref}>
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="correlationKey" value="missing_value" />
      </spiffworkflow:properties></bpmn:extensionElements>{IO}{definition}
    </bpmn:{tag}>"""
    )


CASES = {
    "script task": _diagram(
        f'<bpmn:scriptTask id="bad" name="Bad" scriptFormat="python">{IO}'
        "<bpmn:script>total = missing_value + 1</bpmn:script></bpmn:scriptTask>"
    ),
    "assignee": _user_task('camunda:assignee="${missing_value}"'),
    "candidate groups": _user_task('camunda:candidateGroups="sales, ${missing_value}"'),
    "candidate users": _user_task('camunda:candidateUsers="${missing_value}"'),
    "due date": _user_task('camunda:dueDate="${missing_value}"'),
    "follow-up date": _user_task('camunda:followUpDate="${missing_value}"'),
    "priority": _user_task('camunda:priority="${missing_value}"'),
    "exclusive gateway condition": _gateway("exclusiveGateway"),
    "inclusive gateway condition": _gateway("inclusiveGateway"),
    "timer duration": _timer("timeDuration"),
    "timer date": _timer("timeDate"),
    "boundary timer cycle": _diagram(
        f"""<bpmn:userTask id="held" name="Held">{IO}</bpmn:userTask>
    <bpmn:boundaryEvent id="bad" name="Bad" attachedToRef="held" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${{missing_value}}</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>""",
        after="held",
        entry="held",
    ),
    "loop cardinality": _multi_instance(
        '><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${missing_value}'
        "</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"
    ),
    "loop collection": _multi_instance(
        'camunda:collection="${missing_value}" camunda:elementVariable="item" />'
    ),
    "completion condition": _multi_instance(
        '><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">2</bpmn:loopCardinality>'
        '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${missing_value}'
        "</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>"
    ),
    "message catch correlation key": _correlated_catch("intermediateCatchEvent"),
    "receive task correlation key": _correlated_catch("receiveTask"),
    "message throw correlation key": _diagram(
        f"""<bpmn:intermediateThrowEvent id="bad" name="Bad">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="correlationKey" value="missing_value" />
      </spiffworkflow:properties></bpmn:extensionElements>{IO}
      <bpmn:messageEventDefinition messageRef="Message_go" />
    </bpmn:intermediateThrowEvent>"""
    ),
    "message payload": _diagram(
        f"""<bpmn:intermediateThrowEvent id="bad" name="Bad">{IO}
      <bpmn:messageEventDefinition messageRef="Message_go">
        <bpmn:extensionElements><spiffworkflow:messagePayload>missing_value</spiffworkflow:messagePayload></bpmn:extensionElements>
      </bpmn:messageEventDefinition>
    </bpmn:intermediateThrowEvent>"""
    ),
    "standard loop condition": _diagram(
        f"""<bpmn:scriptTask id="bad" name="Bad" scriptFormat="python">{IO}
      <bpmn:standardLoopCharacteristics><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${{missing_value}}</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
      <bpmn:script>done = True</bpmn:script>
    </bpmn:scriptTask>"""
    ),
    "pre-script": _diagram(
        f"""<bpmn:task id="bad" name="Bad">
      <bpmn:extensionElements><spiffworkflow:preScript>total = missing_value</spiffworkflow:preScript></bpmn:extensionElements>{IO}
    </bpmn:task>"""
    ),
}


@pytest.mark.parametrize("content", CASES.values(), ids=CASES.keys())
def test_a_failing_expression_is_an_incident_naming_the_element_not_a_crash(api, people, content):
    owner, seller = api(people.olga), api(people.alice)
    deployed = upload(owner, content, "walk.bpmn")
    assert deployed.status_code == 201, deployed.content
    started = start(seller, "walk")
    assert started.status_code == 201, started.content
    [first] = inbox(seller, "candidate", instance=started.json()["id"])

    completed = complete(seller, first, {})

    assert completed.status_code == 200, completed.content
    instance = seller.get(f"/api/instances/{started.json()['id']}/").json()
    assert instance["status"] == "error", instance
    [incident] = instance["incidents"]
    assert incident["element_id"] == "bad"
    assert "missing_value" in incident["error"]


INITIATOR = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1"
    targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0">
  <bpmn:process id="review" name="Review" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" {initiator}><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Activity_check" name="Check" camunda:candidateGroups="sales">
      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="Activity_confirm" name="Confirm" camunda:assignee="${{initiator}}">
      <bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="Event_done"><bpmn:incoming>Flow_3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_check" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_check" targetRef="Activity_confirm" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Activity_confirm" targetRef="Event_done" />
  </bpmn:process>
</bpmn:definitions>
"""


def _start_review(api, people, initiator: str):
    owner, seller = api(people.olga), api(people.alice)
    content = INITIATOR.format(initiator=initiator).encode()
    assert upload(owner, content, "review.bpmn").status_code == 201
    started = start(seller, "review")
    assert started.status_code == 201, started.content
    [check] = inbox(seller, "candidate", instance=started.json()["id"])
    return seller, started.json()["id"], complete(seller, check, {})


def test_initiator_without_camunda_initiator_is_an_incident_naming_the_variable(api, people):
    seller, instance_id, completed = _start_review(api, people, "")

    assert completed.status_code == 200, completed.content
    instance = seller.get(f"/api/instances/{instance_id}/").json()
    assert instance["status"] == "error"
    [incident] = instance["incidents"]
    assert incident["element_id"] == "Activity_confirm"
    assert 'names the variable "initiator"' in incident["error"]
    assert "camunda:initiator" in incident["error"]


def test_retrying_the_incident_with_the_same_data_keeps_it_open_and_counts(api, people):
    seller, instance_id, _completed = _start_review(api, people, "")
    admin = api(people.admin)
    [incident] = admin.get("/api/incidents/", {"status": "open"}).json()["results"]

    retried = admin.post(f"/api/incidents/{incident['id']}/retry/")

    assert retried.status_code == 200, retried.content
    [still] = admin.get("/api/incidents/", {"status": "open"}).json()["results"]
    assert still["id"] == incident["id"] and still["attempts"] == 2
    assert admin.get(f"/api/instances/{instance_id}/").json()["status"] == "error"


def test_camunda_initiator_gives_the_starting_user_the_task(api, people):
    seller, instance_id, completed = _start_review(api, people, 'camunda:initiator="initiator"')

    assert completed.status_code == 200, completed.content
    instance = seller.get(f"/api/instances/{instance_id}/").json()
    assert instance["status"] == "running" and instance["variables"]["initiator"] == "alice"
    [task] = inbox(seller, "mine", instance=instance_id)
    assert seller.get(f"/api/tasks/{task}/").json()["element_id"] == "Activity_confirm"


NO_MESSAGE_REF = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1"
    targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0">
  <bpmn:process id="wait_for_it" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="Event_wait" name="Payment in">
      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:messageEventDefinition id="MessageEventDefinition_1" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="Event_done"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Event_wait" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Event_wait" targetRef="Event_done" />
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_message_catch_without_message_ref_is_refused_at_deploy(api, people):
    owner = api(people.olga)

    answer = upload(owner, NO_MESSAGE_REF, "wait.bpmn")

    assert answer.status_code == 400, answer.content
    [error] = answer.json()["errors"]
    assert error["element_id"] == "Event_wait" and error["line"] == 6
    assert "names no message" in error["message"]
    assert owner.get("/api/definitions/").json() == []
