"""A diagram can never stop the server: each attack is refused at deploy or ends as an
incident, and afterwards the health check answers and an ordinary order still completes."""

import sys

import pytest

from engine.models import HumanTask, Incident
from engine.parsing.errors import DeploymentInvalid
from engine.sandbox import SandboxedEnvironment, ScriptRefused
from engine.sandbox.guards import _BUILTINS
from engine.sandbox.timers import MAX_TIMER_YEARS, timer_refusal
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

EXITS = ["SystemExit", "KeyboardInterrupt", "GeneratorExit", "BaseException"]

SCRIPT_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="D_attack" targetNamespace="http://hypercrm.example/tests">
  <bpmn:process id="attack" name="Attack" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="run" name="Run"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="run" />
    <bpmn:sequenceFlow id="f2" sourceRef="run" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""

TIMER_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="D_wait" targetNamespace="http://hypercrm.example/tests">
  <bpmn:process id="wait" name="Wait" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="pause" name="Pause"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration>
      </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pause" />
    <bpmn:sequenceFlow id="f2" sourceRef="pause" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture
def admin():
    return make_user("runner", is_superuser=True)


def deploy(name: str, text: str):
    return definition_deploy(
        file_name=f"{name}.bpmn", content=text.encode(), user=None, check_role=False
    )


def assert_server_still_serves(client, admin):
    assert client.get("/health/").status_code == 200
    deploy_fixture()
    instance = instance_start(definition_key="order_approval", user=admin)
    task = HumanTask.objects.get(instance=instance)
    alice = make_user("alice", "Sales")
    task_claim(task_id=task.pk, user=alice)
    _task, instance = task_complete(
        task_id=task.pk, user=alice, data={"customer": "ACME", "quantity": 3, "price": 2}
    )
    assert instance.status == "completed"


@pytest.mark.parametrize("name", EXITS)
def test_a_script_raising_a_process_exit_is_refused_at_deploy(name, client, admin):
    with pytest.raises(DeploymentInvalid) as caught:
        deploy("attack", SCRIPT_BPMN.format(script=f"raise {name}(3)"))

    assert f"'{name}' is not available in scripts" in caught.value.problems[0].message
    assert_server_still_serves(client, admin)


@pytest.mark.parametrize("name", EXITS)
def test_scripts_see_no_process_exit(name):
    assert name not in _BUILTINS


@pytest.mark.parametrize("leave", [sys.exit, KeyboardInterrupt, GeneratorExit])
def test_a_process_exit_raised_inside_an_evaluation_is_a_refusal(leave):
    def helper():
        if callable(leave) and not isinstance(leave, type):
            leave(3)
        raise leave()

    env = SandboxedEnvironment(helpers={"helper": helper}, time_limit=0.5)

    with pytest.raises(ScriptRefused, match="the script raised"):
        env.execute("helper()", {})
    with pytest.raises(ScriptRefused, match="the script raised"):
        env.evaluate("helper()", {})


@pytest.mark.parametrize("value", ["P99999999Y", "PT99999999999H", "R3/P500Y", "P1300M"])
def test_a_literal_timer_beyond_the_bound_is_refused_at_deploy(value, client, admin):
    with pytest.raises(DeploymentInvalid) as caught:
        deploy("wait", TIMER_BPMN.format(duration=value))

    message = caught.value.problems[0].message
    assert value in message and f"longer than {MAX_TIMER_YEARS} years" in message
    assert_server_still_serves(client, admin)


def test_a_computed_timer_beyond_the_bound_is_an_incident(client, admin):
    deploy("wait", TIMER_BPMN.format(duration="'P' + str(years) + 'Y'"))

    instance = instance_start(definition_key="wait", variables={"years": 99999999}, user=admin)

    assert instance.status == "error"
    incident = Incident.objects.get(instance=instance)
    assert incident.element_id == "pause"
    assert f"longer than {MAX_TIMER_YEARS} years" in incident.error
    assert_server_still_serves(client, admin)


def test_an_ordinary_computed_timer_still_waits(admin):
    deploy("wait", TIMER_BPMN.format(duration="'P' + str(days) + 'D'"))

    instance = instance_start(definition_key="wait", variables={"days": 3}, user=admin)

    assert instance.status == "running"
    assert not Incident.objects.filter(instance=instance).exists()


@pytest.mark.parametrize(
    ("value", "refused"),
    [("P100Y", False), ("P101Y", True), ("PT1H", False), ("2030-01-01T00:00:00Z", False)]
    + [("R/PT5M", False), ("R5/2030-01-01T00:00:00Z/P200Y", True), (12, False)],
)
def test_timer_bound(value, refused):
    assert (timer_refusal(value) is not None) is refused
