"""A test run past timers and messages, and into a deployed process a call activity calls
(engine/services/trial_events.py) — still writing nothing."""

import pytest
from django.apps import apps

from engine.models import ProcessDefinition, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.trial import definition_try
from tests.factories import FIXTURES

pytestmark = pytest.mark.django_db

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
    targetNamespace="t">
  <bpmn:message id="paid_message" name="Payment received" />
  <bpmn:process id="reminders" name="Reminders" isExecutable="true">
    <bpmn:startEvent id="start" />
"""
TAIL = "  </bpmn:process>\n</bpmn:definitions>\n"


def _flows(*pairs: str) -> str:
    return "".join(
        f'<bpmn:sequenceFlow id="f{n}" sourceRef="{a}" targetRef="{b}" />'
        for n, (a, b) in enumerate(p.split(">") for p in pairs)
    )


def _script(element_id: str, script: str) -> str:
    return (
        f'<bpmn:scriptTask id="{element_id}" name="{element_id}" scriptFormat="python">'
        f"<bpmn:script>{script}</bpmn:script></bpmn:scriptTask>"
    )


def _timer(element_id: str, duration: str = "P3D", boundary_of: str = "") -> str:
    timer = (
        f"<bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration>"
        "</bpmn:timerEventDefinition>"
    )
    if boundary_of:
        return (
            f'<bpmn:boundaryEvent id="{element_id}" name="{element_id}" '
            f'attachedToRef="{boundary_of}">{timer}</bpmn:boundaryEvent>'
        )
    return (
        f'<bpmn:intermediateCatchEvent id="{element_id}" name="{element_id}">{timer}'
        "</bpmn:intermediateCatchEvent>"
    )


def _message(element_id: str) -> str:
    return (
        f'<bpmn:intermediateCatchEvent id="{element_id}" name="{element_id}">'
        '<bpmn:messageEventDefinition messageRef="paid_message" /></bpmn:intermediateCatchEvent>'
    )


def _try(body: str, **sample):
    content = (HEAD + body + TAIL).encode()
    return definition_try(file_name="reminders.bpmn", content=content, sample=sample)


def _ids(result):
    return [step.element_id for step in result.path]


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_timer_on_the_flow_is_walked_past():
    before = _counts()
    result = _try(
        _timer("wait_3_days")
        + _script("remind", "reminded = True")
        + '<bpmn:endEvent id="done" />'
        + _flows("start>wait_3_days", "wait_3_days>remind", "remind>done")
    )
    assert result.status == "completed", result.as_dict()
    assert _ids(result) == ["start", "wait_3_days", "remind", "done"]
    assert result.variables["reminded"] is True
    assert _counts() == before


BOUNDARY = (
    '<bpmn:userTask id="approve" name="Approve" />'
    + _timer("two_days_gone", "P2D", boundary_of="approve")
    + _script("escalate", "escalated = True")
    + '<bpmn:endEvent id="approved" /><bpmn:endEvent id="escalated_end" />'
    + _flows(
        "start>approve", "approve>approved", "two_days_gone>escalate", "escalate>escalated_end"
    )
)


def test_a_boundary_timer_fires_only_when_the_sample_names_it():
    waiting = _try(BOUNDARY)
    assert waiting.status == "waiting"
    assert "approve" in [step.element_id for step in waiting.waiting]

    timed_out = _try(BOUNDARY, timers=["two_days_gone"])
    assert timed_out.status == "completed", timed_out.as_dict()
    assert _ids(timed_out)[-3:] == ["two_days_gone", "escalate", "escalated_end"]
    assert "approved" not in _ids(timed_out)

    answered = _try(BOUNDARY, tasks={"approve": {}}, timers=["two_days_gone"])
    assert _ids(answered)[-1] == "approved"  # the answer comes before the time-out
    assert "escalate" not in _ids(answered)


def test_a_message_the_sample_gives_is_delivered_with_its_payload():
    body = (
        _message("paid")
        + _script("thank", "thanked = amount")
        + '<bpmn:endEvent id="done" />'
        + _flows("start>paid", "paid>thank", "thank>done")
    )
    waiting = _try(body)
    assert waiting.status == "waiting" and [s.element_id for s in waiting.waiting] == ["paid"]

    before = _counts()
    result = _try(body, messages={"Payment received": {"amount": 120}})
    assert result.status == "completed", result.as_dict()
    assert _ids(result) == ["start", "paid", "thank", "done"]
    assert result.variables["thanked"] == 120
    assert _counts() == before

    other = _try(body, messages={"Order cancelled": {}})
    assert other.status == "waiting"  # a message nobody waits for changes nothing


RACE = (
    '<bpmn:eventBasedGateway id="race" />'
    + _message("paid")
    + _timer("week_gone", "P7D")
    + '<bpmn:endEvent id="paid_end" /><bpmn:endEvent id="reminder_end" />'
    + _flows("start>race", "race>paid", "race>week_gone", "paid>paid_end", "week_gone>reminder_end")
)


def test_an_event_based_gateway_takes_the_branch_the_sample_chooses():
    assert _try(RACE).status == "waiting"  # its timer races the message: not walked past
    paid = _try(RACE, messages={"Payment received": {}})
    assert _ids(paid)[-1] == "paid_end" and "week_gone" not in _ids(paid)
    late = _try(RACE, timers=["week_gone"])
    assert _ids(late)[-1] == "reminder_end" and "paid" not in _ids(late)


def test_a_call_activity_is_followed_into_the_deployed_process():
    camunda = FIXTURES / "camunda"
    definition_deploy(
        file_name="credit_check.bpmn",
        content=(camunda / "credit_check.bpmn").read_bytes(),
        user=None,
        check_role=False,
    )
    before = _counts()
    result = definition_try(
        file_name="order.bpmn",
        content=(camunda / "order_with_credit_check.bpmn").read_bytes(),
        sample={
            "variables": {"order_total": 40, "limit_eur": 50},
            "tasks": {"Activity_confirm": {}},
        },
    )
    assert result.status == "completed", result.as_dict()
    steps = {(s.process, s.element_id): s for s in result.path}
    score = steps[("credit_check", "Activity_score")]
    assert score.process_name == "Credit check"
    assert score.produced["score"] == 80
    called = steps[("order_with_credit_check", "Activity_check")]
    assert called.produced == {"credit_ok": True, "score_plus_one": 81}
    assert ("order_with_credit_check", "Activity_confirm") in steps
    assert _counts() == before
    assert ProcessDefinition.objects.count() == 1 and not ProcessInstance.objects.exists()
