"""Decision tables opened beside the diagram in the modeler go into the bundle that is
validated, tried and deployed; anything else under "decisions" is refused, nothing stored."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import ProcessDefinition
from tests.e2e.test_studio_acceptance import DMN, with_approval

BASE = {"key": "sales", "version": 1}


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def sales(db, settings):
    # The shipped processes with their own forms (this folder's tests use the fixtures').
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": settings.BASE_DIR / "forms" / "schemas"}
    call_command("deploy_processes", stdout=StringIO())


def test_a_diagram_calling_a_new_decision_needs_its_table(login, users, sales):
    client = login(users["olga"])
    body = {"xml": with_approval(), "base": BASE}
    alone = post_json(client, "/modeler/validate/", body).json()
    assert alone["valid"] is False
    assert "sales_approval" in json.dumps(alone["errors"])
    with_table = {**body, "decisions": {"sales-approval.dmn": DMN.read_text()}}
    assert post_json(client, "/modeler/validate/", with_table).json()["valid"] is True

    response = post_json(client, "/modeler/deploy/", {**with_table, "comment": "Approval"})
    assert response.status_code == 201, response.content
    v2 = ProcessDefinition.objects.select_related("deployment").get(key="sales", version=2)
    assert v2.deployment.files["sales-approval.dmn"] == DMN.read_text()
    # The forms of v1 travel on beside the new table.
    assert set(v2.forms) == set(ProcessDefinition.objects.get(key="sales", version=1).forms)


@pytest.mark.parametrize(
    ("decisions", "named"),
    [
        ({"approval.bpmn": "<x/>"}, "approval.bpmn"),
        ({"../up.dmn": "<x/>"}, "../up.dmn"),
        ({"ok.dmn": 5}, "ok.dmn"),
        (["sales-approval.dmn"], "ten"),
    ],
)
def test_what_is_not_a_decision_table_is_refused_and_nothing_deployed(
    login, users, sales, decisions, named
):
    client = login(users["olga"])
    body = {"xml": with_approval(), "base": BASE, "decisions": decisions}
    for url in ("/modeler/validate/", "/modeler/deploy/", "/modeler/try/"):
        response = post_json(client, url, body)
        assert response.status_code == 400, url
        error = response.json()["errors"][0]
        assert error["field"] == "decisions" and named in error["message"]
    assert ProcessDefinition.objects.filter(key="sales").count() == 1


def test_the_modeler_offers_to_edit_the_tables_its_tasks_call(login, users, sales):
    client = login(users["olga"])
    assert client.get("/processes/sales/modeler/").context["task_decisions"] == {}
    body = {
        "xml": with_approval(),
        "base": BASE,
        "decisions": {"sales-approval.dmn": DMN.read_text()},
    }
    deployed = post_json(client, "/modeler/deploy/", body)
    assert deployed.status_code == 201
    # The modeler's page, still open, learns what the new version's tasks offer.
    [mine] = deployed.json()["deployed"]
    assert mine["task_decisions"]["decide_approval"]["id"] == "sales_approval"
    assert mine["task_forms"]["enter_order"] == "sales-order-schema.json"
    page = client.get("/processes/sales/modeler/")
    assert page.context["task_decisions"] == {
        "decide_approval": {"id": "sales_approval", "name": "Does a manager approve the order?"}
    }
    assert 'data-decision-edit-url="/decisions/__id__/edit/"' in page.content.decode()
    procurement = client.get("/processes/procurement/modeler/").context["task_decisions"]
    assert procurement["decide_approval"]["id"] == "purchase_approval"


def test_a_new_form_deploys_the_table_opened_beside_the_diagram_too(login, users, sales):
    client = login(users["olga"])
    xml = with_approval().replace(
        '<bpmn:userTask id="manager_approval" ',
        '<bpmn:userTask id="manager_approval" camunda:formKey="manager_approval-schema.json" ',
    )
    body = {"xml": xml, "base": BASE, "element_id": "manager_approval", "title": "Approval"}
    refused = post_json(client, "/modeler/forms/new/", {**body, "decisions": {"x.txt": ""}})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "decisions"
    assert ProcessDefinition.objects.filter(key="sales").count() == 1

    tables = {"sales-approval.dmn": DMN.read_text()}
    response = post_json(client, "/modeler/forms/new/", {**body, "decisions": tables})
    assert response.status_code == 201, response.content
    v2 = ProcessDefinition.objects.select_related("deployment").get(key="sales", version=2)
    assert {"sales-approval.dmn", "manager_approval-schema.json"} <= set(v2.deployment.files)
    assert v2.elements["manager_approval"]["form"] == "manager_approval-schema.json"
