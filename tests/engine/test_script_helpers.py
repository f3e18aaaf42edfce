# ruff: noqa: E501 - the diagram is written as the modeler writes it, one element a line
"""SpiffArena's helpers in steps other than a start or a completion, and their refusals."""

import datetime as dt
import time

import pytest

from engine.models import Incident, ProcessInstance
from engine.runtime.script_helpers import get_group_members, get_localtime
from engine.services.definitions import definition_deploy
from engine.services.instances import incident_retry, instance_start
from engine.services.variables import instance_variables_update
from tests.factories import make_user, run_due_work

pytestmark = pytest.mark.django_db

DIAGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="Definitions_b2" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_split_d4" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="Activity_split" name="Split the bill">
      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:script>who = (get_current_user() or {}).get("username")
share = 100 / people</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:intermediateCatchEvent id="Event_wait">
      <bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>timedelta(seconds=1)</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:scriptTask id="Activity_later" name="Later">
      <bpmn:incoming>Flow_3</bpmn:incoming><bpmn:outgoing>Flow_4</bpmn:outgoing>
      <bpmn:script>later = get_current_user()
starter = get_process_initiator_user()["username"]</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="Event_done"><bpmn:incoming>Flow_4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_split" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_split" targetRef="Event_wait" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Event_wait" targetRef="Activity_later" />
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Activity_later" targetRef="Event_done" />
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_retry_runs_as_the_person_retrying_and_a_timer_step_as_nobody(runner):
    definition_deploy(file_name="split.bpmn", content=DIAGRAM.encode(), user=None, check_role=False)
    erin = make_user("erin", is_superuser=True)
    instance = instance_start(
        definition_key="Process_split_d4", user=runner, variables={"people": 0}
    )
    [incident] = Incident.objects.filter(instance=instance, status="open")
    assert incident.element_id == "Activity_split"
    instance_variables_update(instance_id=instance.pk, user=erin, changes={"people": 4})
    incident_retry(incident_id=incident.pk, user=erin)
    instance = ProcessInstance.objects.get(pk=instance.pk)
    assert instance.variables["who"] == "erin"
    assert instance.variables["share"] == 25
    assert "later" not in instance.variables
    time.sleep(1.1)
    instance = run_due_work(instance)  # the timer's step: no one acts in it
    assert instance.status == "completed"
    assert instance.variables["later"] is None
    assert instance.variables["starter"] == "runner"


def test_get_localtime_and_get_group_members_name_what_is_wrong(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    noon = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    assert get_localtime(noon).hour == 15
    assert get_localtime(noon, "America/New_York").hour == 8
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        get_localtime(noon, "Mars/Olympus")
    with pytest.raises(ValueError, match="unknown time zone"):
        get_localtime(noon, "../../etc/passwd")
    with pytest.raises(TypeError, match="needs a datetime, not str"):
        get_localtime("2026-07-01")
    make_user("ann", "sales")
    make_user("old", "sales", is_active=False)
    assert get_group_members("sales") == ["ann"]
    with pytest.raises(ValueError, match="there is no group 'nobody'"):
        get_group_members("nobody")
