"""GET /api/element-templates/: every registered connector as a Camunda element template,
valid against Camunda's schema; a diagram wired through one deploys and runs its connector."""

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engine.connectors import connector_info, connector_names
from engine.models import ProcessDefinition, ProcessInstance
from engine.services.instances import instance_start
from processes.sales.models import SalesOrder
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
URL = "/api/element-templates/"


def _templates(api, user, **headers):
    answer = api(user).get(URL, **headers)
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_every_registered_connector_is_a_template_with_its_parameters(api, people):
    templates = {t["id"]: t for t in _templates(api, people.olga)}
    assert sorted(templates) == sorted(f"hypercrm.{name}" for name in connector_names())
    for name in connector_names():
        template, info = templates[f"hypercrm.{name}"], connector_info(name)
        assert template["appliesTo"] == ["bpmn:ServiceTask"]
        if name != "count":  # the test suite's own connector (tests/support) has no words
            assert template["name"] != name and template["description"], f"{name} undescribed"
        bound = {p["binding"]["name"]: p for p in template["properties"]}
        assert bound["camunda:topic"]["value"] == name
        assert bound["camunda:type"]["value"] == "external"
        assert bound["camunda:resultVariable"]["value"]
        for parameter in info.parameters:
            field = bound[parameter.name]
            assert field["binding"]["type"] == "camunda:inputParameter"
            assert field["description"].startswith(str(parameter.description))


def test_create_the_order_reads_as_a_process_owner_would(api, people):
    templates = {t["id"]: t for t in _templates(api, people.olga)}
    order = templates["hypercrm.sales.create_order"]
    assert order["name"] == "Create the order"
    fields = {p.get("label"): p for p in order["properties"]}
    # A person's label on the field; the parameter's name in its binding and description.
    assert fields["Customer"]["binding"]["name"] == "customer"
    assert fields["Customer"]["description"] == (
        "The customer (its id). Give a number. Empty: the process variable “customer”."
    )
    assert fields["Customer"]["optional"] is True
    assert fields["Order lines"]["binding"]["name"] == "lines"
    email = {p.get("label"): p for p in templates["hypercrm.email"]["properties"]}
    assert email["Recipient"]["description"] == (
        "The recipient's address (or a list, e.g. ${emails}). Its name in the call: to."
    )
    assert fields["Result variable"]["value"] == "order"


def test_the_templates_speak_the_readers_language(api, people):
    french = {t["id"]: t for t in _templates(api, people.olga, HTTP_ACCEPT_LANGUAGE="fr")}
    assert french["hypercrm.sales.create_order"]["name"] == "Créer la commande"
    russian = {t["id"]: t for t in _templates(api, people.olga, HTTP_ACCEPT_LANGUAGE="ru")}
    assert russian["hypercrm.sales.create_order"]["name"] == "Создать заказ"
    labels = {
        language: [p.get("label") for p in templates["hypercrm.sales.create_order"]["properties"]]
        for language, templates in (("fr", french), ("ru", russian))
    }
    assert labels["fr"][2:5] == ["Client", "Lignes de la commande", "Notes"]
    assert labels["ru"][2:5] == ["Клиент", "Строки заказа", "Заметки"]
    result = {p.get("label"): p for p in russian["hypercrm.http"]["properties"]}
    assert "Переменная результата" in result


def test_the_templates_are_for_process_owners(api, people):
    answer = api(people.alice).get(URL)
    assert answer.status_code == 403
    assert "process-owners" in answer.json()["detail"]
    assert api().get(URL).status_code in (401, 403)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_templates_validate_against_camundas_element_template_schema(api, people):
    script = ROOT / "tests" / "api" / "validate_element_templates.mjs"
    body = json.dumps(_templates(api, people.olga))
    run = subprocess.run(  # noqa: S603 - our own script, our own input
        ["node", str(script)], input=body, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert json.loads(run.stdout) == {"valid": True, "problems": []}, run.stderr
    assert run.returncode == 0
    # The check can fail: a template without its name is refused by the schema.
    broken = json.loads(body)[:1]
    del broken[0]["name"]
    run = subprocess.run(  # noqa: S603
        ["node", str(script)], input=json.dumps(broken), capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 1 and "name" in run.stdout


def wired(template: dict, values: dict[str, str]) -> str:
    """A service task with `template` applied and its fields filled as the modeler writes it
    (bpmn-js-element-templates: attributes for `property`, camunda:inputParameter for the
    rest; an optional field left empty writes nothing)."""
    attributes = {f'camunda:modelerTemplate="{template["id"]}"'}
    parameters = []
    for prop in template["properties"]:
        binding, value = prop["binding"], values.get(prop.get("label", ""), prop.get("value", ""))
        if binding["type"] == "property":
            attributes.add(f"{binding['name']}={quoteattr(value)}")
        elif value or not prop.get("optional"):
            parameters.append(
                f'<camunda:inputParameter name="{binding["name"]}">{escape(value)}'
                "</camunda:inputParameter>"
            )
    return (
        f'<bpmn:serviceTask id="order_it" name="Create the order" {" ".join(sorted(attributes))}>'
        "<bpmn:extensionElements><camunda:inputOutput>"
        f"{''.join(parameters)}</camunda:inputOutput></bpmn:extensionElements>"
        "<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>"
    )


def diagram(task: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="templated_order" name="Templated order" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    {task}
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="order_it" />
    <bpmn:sequenceFlow id="f2" sourceRef="order_it" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>""".encode()


def _deploy(api, user, content: bytes):
    upload = SimpleUploadedFile("templated.bpmn", content, content_type="application/xml")
    return api(user).post("/api/definitions/", {"file": upload}, format="multipart")


def test_a_diagram_wired_through_the_template_deploys_and_runs_the_connector(api, people):
    acme, chair = make_customer("Acme"), make_product("CHAIR", list_price=Decimal("40.00"))
    template = next(
        t for t in _templates(api, people.olga) if t["id"] == "hypercrm.sales.create_order"
    )
    values = {"Customer": "${customer_id}", "Notes": "Rush", "Result variable": "created"}
    answer = _deploy(api, people.olga, diagram(wired(template, values)))
    assert answer.status_code == 201, answer.content
    lines = [{"product": chair.pk, "quantity": 3}]
    instance = instance_start(
        definition_key="templated_order", variables={"customer_id": acme.pk, "lines": lines}
    )
    instance = run_due_work(instance)  # the service task's turn, as a worker takes it
    assert instance.status == ProcessInstance.Status.COMPLETED
    order = SalesOrder.objects.get()
    # customer from its ${…} field, notes as typed, lines (left empty) from the variable.
    assert (order.party, order.notes, order.total) == (acme, "Rush", Decimal("120.00"))
    assert instance.variables["created"]["order_number"] == order.number


def test_an_output_parameter_is_refused_by_name_and_nothing_deployed(api, people):
    template = next(
        t for t in _templates(api, people.olga) if t["id"] == "hypercrm.sales.create_order"
    )
    task = wired(template, {"Customer": "${customer_id}"}).replace(
        "</camunda:inputOutput>",
        '<camunda:outputParameter name="n">${created.order_number}</camunda:outputParameter>'
        "</camunda:inputOutput>",
    )
    answer = _deploy(api, people.olga, diagram(task))
    assert answer.status_code == 400
    [problem] = answer.json()["errors"]
    assert "It has the output parameter “n”" in problem["message"]
    assert not ProcessDefinition.objects.filter(key="templated_order").exists()


def test_a_parameter_expression_the_sandbox_refuses_is_not_deployed(api, people):
    template = next(
        t for t in _templates(api, people.olga) if t["id"] == "hypercrm.sales.create_order"
    )
    task = wired(template, {"Customer": "${__import__('os')}"})
    answer = _deploy(api, people.olga, diagram(task))
    assert answer.status_code == 400
    assert not ProcessDefinition.objects.filter(key="templated_order").exists()
