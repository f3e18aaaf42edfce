"""A diagram can never stop the server: each attack is refused at deploy or ends as an
incident, and afterwards the health check answers and an ordinary order still completes."""

import gc
import sys
from decimal import Decimal

import pytest

from engine.models import HumanTask, Incident
from engine.parsing.errors import DeploymentInvalid
from engine.sandbox import SandboxedEnvironment, ScriptRefused
from engine.sandbox.guards import _BUILTINS
from engine.sandbox.memory import resident_bytes
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


# Memory and the data a script leaves.

HUGE_TEXT = [
    "x = f'{1:>300000000}'",
    "x = f'{1:>{w}}'",
    "x = '%(a)300000000s' % {'a': 1}",
    "x = f\"{Decimal('1e300000000'):f}\"",
    "x = f'{1.5:.300000000f}'",
]
UNSTORABLE = [
    ("x = [[0] * 10**7] * 10**7", "larger than the limit"),
    ("x = []\nx.append(x)", "cycle"),
    ("x = {(1, 2): 3}", "tuple cannot be a key"),
    ("x = float('nan')", "not a number"),
    ("x = Decimal('-Infinity')", "not a number"),
    ("x = []\nfor i in range(200):\n    x = [x]", "deeper than 100 levels"),
]


@pytest.mark.parametrize("script", HUGE_TEXT)
def test_a_huge_formatted_text_is_refused_before_it_is_built(script):
    with pytest.raises(ScriptRefused, match="would be too large"):
        SandboxedEnvironment(time_limit=1).execute(script, {"w": 10**8})


def test_ordinary_formatting_still_works():
    context = {"x": 3, "w": 5, "price": Decimal("12.5")}
    SandboxedEnvironment(time_limit=1).execute(
        "text = f'{x:>{w}}|{x!r}|{price:.2f}|{price}' + ' %05d' % x", context
    )
    assert context["text"] == "    3|3|12.50|12.5 00003"


@pytest.mark.parametrize(("script", "reason"), UNSTORABLE)
def test_data_that_cannot_be_stored_is_refused_and_not_left(script, reason):
    context = {"items": [1]}
    with pytest.raises(ScriptRefused, match=reason):
        SandboxedEnvironment(time_limit=2).execute(script, context)
    assert context == {"items": [1]}


def test_a_list_grown_in_place_past_the_cap_is_dropped():
    context = {"items": []}
    with pytest.raises(ScriptRefused, match="cycle"):
        SandboxedEnvironment(time_limit=1).execute("items.append(items)", context)
    assert context == {}


def test_a_script_taking_too_much_memory_stops_and_the_memory_is_given_back(settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "SCRIPT_MEMORY_LIMIT_MB": 200}
    script = "s = []\nfor i in range(100):\n    s.append('x' * 10**7)"  # 1 GB

    before = resident_bytes()
    with pytest.raises(ScriptRefused, match="more than 200 MB of memory"):
        SandboxedEnvironment(time_limit=10).execute(script, {})

    gc.collect()
    assert resident_bytes() < before + 200 * 1024 * 1024


def test_an_unstorable_result_is_an_incident_and_the_server_still_serves(client, admin):
    deploy("attack", SCRIPT_BPMN.format(script="x = [[0] * 10**7] * 10**7"))

    instance = instance_start(definition_key="attack", user=admin)

    assert instance.status == "error"
    incident = Incident.objects.get(instance=instance)
    assert incident.element_id == "run" and "larger than the limit" in incident.error
    assert "x" not in instance.variables
    assert_server_still_serves(client, admin)
