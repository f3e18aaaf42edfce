"""Camunda 7 generated forms (camunda:formData) compiled at deploy into the JSON Schema
form the task shows; what they cannot say is refused by name, with nothing stored."""

import pytest

from engine.models import Deployment, ProcessDefinition
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy, definition_validate
from tests.factories import FIXTURES

pytestmark = pytest.mark.django_db

FIXTURE = FIXTURES / "camunda" / "generated_form.bpmn"
FORM = "camunda:formData:leave_request:Activity_request"


def _deploy(text: str):
    return definition_deploy(
        file_name="leave.bpmn", content=text.encode(), user=None, check_role=False
    )


def _refused(text: str) -> list[str]:
    with pytest.raises(DeploymentInvalid) as refused:
        _deploy(text)
    assert not Deployment.objects.exists() and not ProcessDefinition.objects.exists()
    return [p.message for p in refused.value.problems]


def test_the_generated_form_is_stored_as_the_tasks_json_schema():
    _deploy(FIXTURE.read_text())
    definition = ProcessDefinition.objects.get(key="leave_request")
    assert definition.elements["Activity_request"]["form"] == FORM
    form = definition.forms[FORM]
    schema, ui = form["schema"], form["ui_schema"]
    assert schema["required"] == ["reason", "days"]
    assert schema["properties"]["reason"] == {
        "type": "string",
        "title": "Reason",
        "minLength": 3,
        "maxLength": 200,
    }
    assert schema["properties"]["days"] == {
        "type": "integer",
        "title": "Days",
        "default": 1,
        "minimum": 1,
        "maximum": 30,
    }
    assert schema["properties"]["paid"]["default"] is True
    assert schema["properties"]["firstDay"] == {
        "type": "string",
        "format": "date",
        "title": "First day",
        "default": "2026-06-01",
    }
    assert schema["properties"]["kind"]["enum"] == ["holiday", "sick", "unpaid"]
    assert ui["kind"]["ui:enumNames"] == ["Holiday", "Sick leave", "Unpaid leave"]
    assert schema["properties"]["employee"]["readOnly"] is True
    assert ui["ui:order"] == ["reason", "days", "paid", "firstDay", "kind", "employee"]


def test_a_fields_properties_are_ignored_with_a_warning():
    report = definition_validate(file_name="leave.bpmn", content=FIXTURE.read_bytes())
    assert report.valid, report.errors
    [warning] = [w for w in report.warnings if w.element_id == "Activity_request"]
    assert "“employee” has camunda:properties" in warning.message


def test_a_custom_type_is_refused_by_name_and_nothing_is_stored():
    text = FIXTURE.read_text().replace(
        'id="paid" label="Paid leave" type="boolean"', 'id="paid" label="Paid leave" type="money"'
    )
    [message] = _refused(text)
    assert "“paid” has the type “money”" in message and "(Request leave)" in message


def test_a_custom_validator_is_refused_by_name():
    text = FIXTURE.read_text().replace(
        '<camunda:constraint name="minlength" config="3" />',
        '<camunda:constraint name="validator" config="org.acme.ReasonValidator" />',
    )
    [message] = _refused(text)
    assert "“reason” has the validator “validator”" in message


@pytest.mark.parametrize(
    ("before", "after", "phrase"),
    [
        (
            'name="max" config="30"',
            'name="max" config="thirty"',
            "“thirty”, which is not a whole number",
        ),
        (
            'name="maxlength" config="200"',
            'name="max" config="200"',
            "“max”, which does not apply to a string field",
        ),
        (
            'defaultValue="01/06/2026"',
            'defaultValue="31/02/2026"',
            "“31/02/2026”, which does not fit its type “date”",
        ),
        (
            'defaultValue="holiday"',
            'defaultValue="leisure"',
            "“leisure”, which does not fit its type “enum”",
        ),
        (
            'defaultValue="1"',
            'defaultValue="${defaultDays}"',
            "an expression the generated form does not evaluate",
        ),
        ('<camunda:formField id="paid"', '<camunda:formField id=""', "a form field without an id"),
    ],
)
def test_what_a_generated_form_cannot_say_is_refused(before, after, phrase):
    text = FIXTURE.read_text()
    assert before in text
    [message] = _refused(text.replace(before, after, 1))
    assert phrase in message, message


def test_a_start_events_generated_form_is_checked_and_said_not_shown():
    text = FIXTURE.read_text().replace(
        '<bpmn:startEvent id="StartEvent_1">',
        '<bpmn:startEvent id="StartEvent_1"><bpmn:extensionElements><camunda:formData>'
        '<camunda:formField id="note" label="Note" type="string" /></camunda:formData>'
        "</bpmn:extensionElements>",
    )
    report = definition_validate(file_name="leave.bpmn", content=text.encode())
    assert report.valid, report.errors
    [warning] = [w for w in report.warnings if w.element_id == "StartEvent_1"]
    assert "generated start form (camunda:formData), which is not shown" in warning.message
    [message] = _refused(
        text.replace('id="note" label="Note" type="string"', 'id="note" type="file"')
    )
    assert "“note” has the type “file”" in message


def test_a_form_key_beside_generated_fields_is_the_form_shown_with_a_warning(settings, tmp_path):
    (tmp_path / "leave.json").write_text(
        '{"type": "object", "properties": {"note": {"type": "string"}}}'
    )
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": tmp_path}
    text = FIXTURE.read_text().replace(
        '<bpmn:userTask id="Activity_request" name="Request leave">',
        '<bpmn:userTask id="Activity_request" name="Request leave" camunda:formKey="leave.json">',
    )
    report = definition_validate(file_name="leave.bpmn", content=text.encode())
    assert report.valid, report.errors
    messages = [w.message for w in report.warnings if w.element_id == "Activity_request"]
    assert any('the form "leave.json" (camunda:formKey) and generated' in m for m in messages)
    _deploy(text)
    definition = ProcessDefinition.objects.get(key="leave_request")
    assert definition.elements["Activity_request"]["form"] == "leave.json"
    assert list(definition.forms) == ["leave.json"]
