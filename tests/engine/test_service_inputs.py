"""A Camunda service task calling a connector with input parameters
(engine/parsing/service_inputs.py): read as the connector's parameters, or refused by name."""

import pytest

from engine.connectors import register_connector, unregister_connector
from engine.models import ProcessDefinition
from engine.services.definitions import definition_deploy, definition_validate
from engine.services.instances import instance_start
from tests.engine.compatibility import _HEADER
from tests.factories import run_due_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def echo():
    """A connector answering the parameters it was called with."""
    register_connector("test.echo", lambda params, *, data: params)
    yield "test.echo"
    unregister_connector("test.echo")


def _diagram(topic: str, parameters: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    {_HEADER["Camunda 7"]} id="d" targetNamespace="t">
  <bpmn:process id="inputs" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="call" name="Echo" camunda:type="external" camunda:topic="{topic}"
        camunda:resultVariable="echoed">
      <bpmn:extensionElements><camunda:inputOutput>{parameters}</camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>""".encode()


def _errors(topic: str, parameters: str) -> list[str]:
    report = definition_validate(file_name="inputs.bpmn", content=_diagram(topic, parameters))
    return [p.message for p in report.errors]


def test_text_is_a_string_and_an_expression_is_evaluated(echo):
    parameters = (
        '<camunda:inputParameter name="label">5 chairs</camunda:inputParameter>'
        '<camunda:inputParameter name="big">${amount * 2 &gt; 10 &amp;&amp; !rush}'
        "</camunda:inputParameter>"
        "<camunda:inputParameter name=\"lines\">${order['lines']}</camunda:inputParameter>"
        '<camunda:inputParameter name="empty"></camunda:inputParameter>'
    )
    definition_deploy(
        file_name="inputs.bpmn", content=_diagram(echo, parameters), user=None, check_role=False
    )
    lines = [{"product": 1, "quantity": "2"}]
    instance = instance_start(
        definition_key="inputs", variables={"amount": 6, "rush": False, "order": {"lines": lines}}
    )
    instance = run_due_work(instance)
    assert instance.status == "completed"
    assert instance.variables["echoed"] == {
        "label": "5 chairs",
        "big": True,
        "lines": lines,
    }  # the empty one is not passed


@pytest.mark.parametrize(
    ("parameters", "phrase"),
    [
        (
            '<camunda:inputParameter name="lines"><camunda:list><camunda:value>1</camunda:value>'
            "</camunda:list></camunda:inputParameter>",
            "Its input parameter “lines” holds a camunda:list",
        ),
        (
            '<camunda:inputParameter name="a">1</camunda:inputParameter>'
            '<camunda:inputParameter name="a">2</camunda:inputParameter>',
            "It has the input parameter “a” twice",
        ),
        ("<camunda:inputParameter>1</camunda:inputParameter>", "has no name"),
        (
            '<camunda:outputParameter name="total">${echoed}</camunda:outputParameter>',
            "It has the output parameter “total”",
        ),
    ],
)
def test_what_a_connector_call_cannot_take_is_refused_by_name(echo, parameters, phrase):
    errors = _errors(echo, parameters)
    assert any(phrase in e for e in errors), errors
    with pytest.raises(Exception, match="Echo"):
        definition_deploy(
            file_name="inputs.bpmn", content=_diagram(echo, parameters), user=None, check_role=False
        )
    assert not ProcessDefinition.objects.exists()


def test_an_expression_the_sandbox_refuses_is_refused(echo):
    errors = _errors(
        echo, "<camunda:inputParameter name=\"x\">${__import__('os')}</camunda:inputParameter>"
    )
    assert errors and all("call" in e or "Echo" in e for e in errors), errors


def test_input_parameters_of_an_external_workers_topic_are_the_variables_it_fetches():
    # Not a connector: the worker fetches the task with its input parameters as variables.
    from engine.models import ExternalTask
    from engine.runtime.state import task_data

    parameters = '<camunda:inputParameter name="limit">${amount * 2}</camunda:inputParameter>'
    assert _errors("credit-check", parameters) == []
    definition_deploy(
        file_name="inputs.bpmn",
        content=_diagram("credit-check", parameters),
        user=None,
        check_role=False,
    )
    instance = instance_start(definition_key="inputs", variables={"amount": 6})
    row = ExternalTask.objects.get(instance=instance)
    assert task_data(instance, row.spiff_task_id) == {"amount": 6, "limit": 12}
