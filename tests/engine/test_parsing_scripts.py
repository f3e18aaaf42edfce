"""The Python a diagram's SpiffWorkflow extensions carry is checked at deploy like a script.

Message payloads (throw events, send tasks, message end events), signal payloads,
correlation keys and the `${…}` of user-task assignment are evaluated when the process
runs; a construct the sandbox refuses is refused before anything is stored, naming the
element and the line.
"""

from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

import pytest

from engine.models import Deployment, ProcessDefinition
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy, definition_validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsing"
ORDINARY = {
    "throw_payload": "{'quote': quote_number, 'total': round(total, 2)}",
    "send_payload": "quote_number",
    "end_payload": "{'sent': True}",
    "signal_payload": "[item['sku'] for item in items]",
    "correlation_key": "'Q-' + str(quote_number)",
}
HOSTILE = {
    "__import__": "__import__('os').system('x')",
    "__class__": "().__class__",
}


def payloads_bpmn(**changes: str) -> str:
    values = {**ORDINARY, **changes}
    values = {name: escape(value, {'"': "&quot;"}) for name, value in values.items()}
    return Template((FIXTURES / "message_payloads.bpmn").read_text()).substitute(values)


def line_with(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def validate(name: str, text: str):
    report = definition_validate(file_name=name, content=text.encode())
    for error in report.errors:
        assert error.file == name
        assert error.message.strip()
    return report


def test_ordinary_payloads_and_correlation_keys_are_valid():
    report = validate("quoting.bpmn", payloads_bpmn())

    assert report.valid, report.errors
    assert report.processes == ["quoting"]


@pytest.mark.parametrize(("slot", "element", "what"), [
    ("throw_payload", "announce", "message payload"),
    ("send_payload", "send_quote", "message payload"),
    ("end_payload", "done", "message payload"),
    ("signal_payload", "prices_changed", "signal payload"),
    ("correlation_key", "send_quote", "correlation key"),
])  # fmt: skip
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_refused_payload_names_its_element_and_line(slot, element, what, name):
    text = payloads_bpmn(**{slot: HOSTILE[name]})

    report = validate("quoting.bpmn", text)

    assert not report.valid
    [error] = report.errors
    assert error.element_id == element
    assert error.line == line_with(text, escape(HOSTILE[name]))
    assert f"the {what} on line {error.line} is refused" in error.message
    assert f"'{name}'" in error.message


def test_a_multi_line_payload_gives_the_line_of_the_refused_part():
    text = payloads_bpmn(throw_payload="{\n  'quote': quote_number,\n  'kind': ().__class__,\n}")

    [error] = validate("quoting.bpmn", text).errors

    assert error.element_id == "announce"
    assert error.line == line_with(text, "'kind': ().__class__")


@pytest.mark.django_db
def test_a_deployment_with_a_refused_payload_stores_nothing():
    text = payloads_bpmn(end_payload=HOSTILE["__import__"])

    with pytest.raises(DeploymentInvalid) as caught:
        definition_deploy(
            file_name="quoting.bpmn", content=text.encode(), user=None, check_role=False
        )

    assert [p.element_id for p in caught.value.problems] == ["done"]
    assert ProcessDefinition.objects.count() == 0
    assert Deployment.objects.count() == 0


@pytest.mark.django_db
def test_a_deployment_with_ordinary_payloads_is_stored():
    result = definition_deploy(
        file_name="quoting.bpmn", content=payloads_bpmn().encode(), user=None, check_role=False
    )

    assert [d.key for d in result.definitions] == ["quoting"]
    assert ProcessDefinition.objects.filter(key="quoting").count() == 1


def _user_task(attributes: str = "", properties: str = "") -> str:
    minimal = (FIXTURES / "minimal.bpmn").read_text().replace("PADDING", "Short.")
    extensions = (
        "<bpmn:extensionElements><spiffworkflow:properties>"
        f"{properties}</spiffworkflow:properties></bpmn:extensionElements>"
        if properties
        else ""
    )
    return minimal.replace(
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"\n'
        '                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"\n'
        '                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"',
    ).replace(
        '<bpmn:task id="work" name="Do the work" />',
        f'<bpmn:userTask id="work" name="Do the work" {attributes}>\n'
        f"      {extensions}\n"
        "    </bpmn:userTask>",
    )


@pytest.mark.parametrize(
    ("attributes", "properties", "what"),
    [
        ('camunda:assignee="${().__class__}"', "", "assignee expression"),
        ('camunda:candidateGroups="sales, ${__import__(\'os\').getlogin()}"', "",
         "candidateGroups expression"),
        ("", '<spiffworkflow:property name="dueDate" value="${().__class__}" />',
         "dueDate expression"),
    ],
    ids=["camunda assignee", "camunda candidate groups", "spiffworkflow due date"],
)  # fmt: skip
def test_a_refused_assignment_expression_names_the_user_task(attributes, properties, what):
    text = _user_task(attributes, properties)

    [error] = validate("assign.bpmn", text).errors

    assert error.element_id == "work"
    assert f"the {what}" in error.message
    assert "is refused: names starting with '_' are not allowed" in error.message
    assert error.line == line_with(text, "${")


def test_literal_and_ordinary_assignment_values_are_valid():
    text = _user_task(
        'camunda:assignee="${initiator}" camunda:candidateGroups="sales, managers" '
        'camunda:dueDate="P2D"',
        '<spiffworkflow:property name="priority" value="${80 if urgent else 50}" />',
    )

    report = validate("assign.bpmn", text)

    assert report.valid, report.errors
