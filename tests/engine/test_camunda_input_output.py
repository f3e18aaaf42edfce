"""Camunda 7's input/output parameters and listeners, run (engine/dialects/camunda_io.py):
a Camunda Modeler 5 diagram deployed and walked through, its refusals and its failures."""

import pytest

from engine.models import HumanTask, Incident, ProcessDefinition
from engine.parsing.errors import DeploymentInvalid
from engine.runtime.state import task_data
from engine.services.definitions import definition_deploy
from engine.services.instances import incident_retry, instance_start
from engine.services.tasks import task_complete
from engine.services.variables import instance_variables_update
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db

PATH = FIXTURES / "camunda" / "input_output.bpmn"
START = {"customer": "ACME", "amount": 250, "sku": "CH-1", "city": "Lyon", "note": "keep me"}


def _deploy(content: str | None = None):
    text = PATH.read_text() if content is None else content
    definition_deploy(file_name=PATH.name, content=text.encode(), user=None, check_role=False)


def _refused(content: str) -> list[str]:
    with pytest.raises(DeploymentInvalid) as refused:
        _deploy(content)
    assert not ProcessDefinition.objects.exists()  # nothing stored
    return [p.message for p in refused.value.problems]


def test_inputs_are_the_tasks_local_variables_and_outputs_come_back():
    _deploy()
    instance = instance_start(definition_key="io_order", variables={**START, "reviews": 0})
    review = HumanTask.objects.get(instance=instance, element_id="Activity_review")
    seen = task_data(instance, review.spiff_task_id)
    assert seen["customer_label"] == "Customer ACME"  # text with ${…} inside it
    assert seen["doubled"] == 500
    assert seen["lines"] == ["CH-1", "gift wrap"]
    assert seen["address"] == {"street": "Main street 1", "city": "Lyon", "tags": ["vip", True]}
    assert seen["note"] == "review copy"  # hides the process's note while the task is open
    assert seen["shipping"] == 8  # a Python script's last expression
    assert seen["review_opened"] is True  # the create task listener ran
    assert seen["opened_for"] == "ACME"  # the process's start listener ran first

    task_complete(task_id=review.pk, user=make_user("sam", "sales"), data={"approved": True})
    instance.refresh_from_db()
    variables = instance.variables
    assert instance.status == "completed", instance.incidents.values_list("error", flat=True)
    assert variables["review_summary"] == "Customer ACME: 2 lines"
    assert variables["decision"] == "ship"  # JUEL's conditional
    assert variables["shipping"] == 8  # an output of the input's name keeps the value
    assert variables["reviews"] == 1  # the end execution listener
    assert variables["note"] == "keep me"  # the hidden variable is back
    for local in ("customer_label", "doubled", "lines", "address", "boxes", "printer"):
        assert local not in variables, local
    assert variables["pack_started"] is True  # the sub-process's start listener
    assert variables["packed_boxes"] == 3.5  # the sub-process saw its input
    assert variables["label"] == "Printer in Lyon: ACME"
    assert variables["label_printer"] == "Printer in Lyon"
    assert variables["closed"] == "closed: Printer in Lyon: ACME"  # the process's end listener


def test_an_input_naming_a_missing_variable_is_an_incident_naming_the_parameter():
    _deploy()
    variables = {key: value for key, value in START.items() if key != "city"}
    instance = instance_start(definition_key="io_order", variables={**variables, "reviews": 0})
    incident = Incident.objects.get(instance=instance)
    assert incident.element_id == "Activity_review"
    assert "Review the order: the input parameter “address” failed" in incident.error
    assert "city" in incident.error
    assert "le paramètre d’entrée « address »" in incident.error_translations["fr"]
    assert not HumanTask.objects.filter(instance=instance, status="open").exists()


def test_once_the_missing_variable_is_set_a_retry_opens_the_task(runner):
    _deploy()
    variables = {key: value for key, value in START.items() if key != "city"}
    instance = instance_start(definition_key="io_order", variables={**variables, "reviews": 0})
    incident = Incident.objects.get(instance=instance)
    instance_variables_update(instance_id=instance.pk, user=runner, changes={"city": "Nice"})
    incident = incident_retry(incident_id=incident.pk, user=runner)
    assert incident.status == "resolved", incident.error
    instance.refresh_from_db()
    review = HumanTask.objects.get(instance=instance, element_id="Activity_review")
    seen = task_data(instance, review.spiff_task_id)
    assert seen["address"]["city"] == "Nice" and seen["shipping"] == 18
    task_complete(task_id=review.pk, user=make_user("sam", "sales"), data={"approved": True})
    instance.refresh_from_db()
    assert instance.status == "completed"
    assert instance.variables["note"] == "keep me" and "address" not in instance.variables


def test_a_script_without_a_script_format_is_python():
    _deploy(
        PATH.read_text().replace(
            '<camunda:script scriptFormat="python">rate', "<camunda:script>rate"
        )
    )
    instance = instance_start(definition_key="io_order", variables={**START, "reviews": 0})
    review = HumanTask.objects.get(instance=instance, element_id="Activity_review")
    assert task_data(instance, review.spiff_task_id)["shipping"] == 8


def test_a_process_listener_failing_is_an_incident_naming_the_process_and_the_event():
    _deploy()
    variables = {key: value for key, value in START.items() if key != "customer"}
    instance = instance_start(definition_key="io_order", variables={**variables, "reviews": 0})
    incident = Incident.objects.get(instance=instance)
    assert "Order review with local variables: the “start” execution listener failed" in (
        incident.error
    )
    assert "customer" in incident.error


def test_an_output_failing_is_an_incident_naming_the_parameter():
    _deploy(PATH.read_text().replace("str(len(lines))", "str(len(missing_lines))"))
    instance = instance_start(definition_key="io_order", variables={**START, "reviews": 0})
    review = HumanTask.objects.get(instance=instance, element_id="Activity_review")
    task_complete(task_id=review.pk, user=make_user("sam", "sales"), data={"approved": False})
    incident = Incident.objects.get(instance=instance)
    assert "the output parameter “review_summary” failed" in incident.error
    assert "missing_lines" in incident.error


@pytest.mark.parametrize(
    ("old", "new", "phrase"),
    [
        (
            '<camunda:script scriptFormat="python">rate',
            '<camunda:script scriptFormat="javascript">rate',
            "has a script in “javascript”, which HyperCRM does not run",
        ),
        (
            '<camunda:taskListener event="create">',
            '<camunda:taskListener event="assignment">',
            "camunda:taskListener on the event “assignment”, which HyperCRM does not run",
        ),
        (
            '<camunda:executionListener event="end">',
            '<camunda:executionListener event="take">',
            "camunda:executionListener on the event “take”",
        ),
        (
            '<camunda:taskListener expression="${approved}" event="complete" />',
            '<camunda:taskListener class="org.acme.Audit" event="complete" />',
            "a Java class: org.acme.Audit",
        ),
        (
            '<camunda:taskListener expression="${approved}" event="complete" />',
            '<camunda:taskListener delegateExpression="${audit}" event="complete" />',
            "a Java delegate: ${audit}",
        ),
        (
            'name="customer_label"',
            'name="customer-label"',
            "the parameter “customer-label”, which is not a variable name",
        ),
        (
            "rate * 2</camunda:script>",
            "total = rate * 2</camunda:script>",
            "must end with the expression whose value the parameter takes",
        ),
        (
            '<bpmn:startEvent id="StartEvent_1" name="Order received">',
            '<bpmn:startEvent id="StartEvent_1" name="Order received"><bpmn:extensionElements>'
            '<camunda:executionListener expression="${x}" event="start" />'
            "</bpmn:extensionElements>",
            "which HyperCRM runs on tasks, sub-processes, call activities and the process only",
        ),
        (
            "${amount * 2}",
            "${__import__('os')}",
            "the input parameter on line 19 is refused",
        ),
    ],
    ids=[
        "javascript",
        "assignment",
        "take",
        "java-class",
        "delegate",
        "name",
        "script-end",
        "on-an-event",
        "sandbox",
    ],
)
def test_what_cannot_run_is_refused_at_deploy_by_name(old, new, phrase):
    content = PATH.read_text()
    assert old in content
    errors = _refused(content.replace(old, new, 1))
    assert any(phrase in e for e in errors), errors


def test_a_called_process_and_an_external_worker_see_the_inputs_and_give_the_outputs():
    from engine.services.external.fetch import TopicRequest, external_tasks_fetch
    from engine.services.external.report import external_task_complete

    path = FIXTURES / "camunda" / "io_call_and_worker.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    instance = instance_start(definition_key="io_shipping", variables={"kg": 2, "city": "Lyon"})
    robot = make_user("robot", "external-workers")
    [locked] = external_tasks_fetch(
        worker_id="w1", topics=[TopicRequest("io-label", 60_000)], max_tasks=1, user=robot
    )
    assert locked.variables["label_text"] == "Ship to Lyon"  # the worker gets its inputs
    assert locked.variables["quote_total"] == 25  # the called process priced 2000 g
    assert "grams" not in locked.variables  # the call activity's input went when it ended
    external_task_complete(
        task_id=str(locked.row.spiff_task_id),
        worker_id="w1",
        variables={"tracking_no": "TR-1"},
        user=robot,
    )
    instance.refresh_from_db()
    assert instance.status == "completed"
    assert instance.variables["tracking"] == "TR-1"
    assert "label_text" not in instance.variables
