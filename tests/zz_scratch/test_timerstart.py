import pytest
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.models import ProcessInstance, Timer

pytestmark = pytest.mark.django_db

XML = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s_none"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:startEvent id="s_timer"><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle>R/2026-01-01T06:00:00Z/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    <bpmn:userTask id="by_hand"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="by_timer"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="e1"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="e2"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s_none" targetRef="by_hand" />
    <bpmn:sequenceFlow id="f2" sourceRef="s_timer" targetRef="by_timer" />
    <bpmn:sequenceFlow id="f3" sourceRef="by_hand" targetRef="e1" />
    <bpmn:sequenceFlow id="f4" sourceRef="by_timer" targetRef="e2" />
  </bpmn:process>
</bpmn:definitions>"""

def test_timer_and_none():
    definition_deploy(file_name="p.bpmn", content=XML.encode(), user=None, check_role=False)
    print(list(Timer.objects.values("kind", "element_id", "due_at")))
    i = instance_start(definition_key="p")
    print("manual", i.active)
    j = instance_start(definition_key="p", started_by_timer="s_timer")
    print("timer", j.active)
