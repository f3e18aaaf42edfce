import pytest
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.messages import message_send
from engine.models import HumanTask, ProcessInstance
from tests.factories import make_user, run_due_work

pytestmark = pytest.mark.django_db

XML = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:message id="M" name="go" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s_none"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:startEvent id="s_msg"><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>
    <bpmn:userTask id="by_hand"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="by_msg"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="e1"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="e2"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s_none" targetRef="by_hand" />
    <bpmn:sequenceFlow id="f2" sourceRef="s_msg" targetRef="by_msg" />
    <bpmn:sequenceFlow id="f3" sourceRef="by_hand" targetRef="e1" />
    <bpmn:sequenceFlow id="f4" sourceRef="by_msg" targetRef="e2" />
  </bpmn:process>
</bpmn:definitions>"""

def test_two_starts():
    definition_deploy(file_name="p.bpmn", content=XML.encode(), user=None, check_role=False)
    i = instance_start(definition_key="p")
    print("manual", i.active, list(i.subscriptions.values_list("name", flat=True)))
    r = message_send(name="go", correlation_key="K", variables={"a": 1})
    print(r)
    for inst in ProcessInstance.objects.all():
        print(inst.pk, inst.business_key, inst.active, inst.variables)
