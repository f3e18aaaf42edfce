"""'Try it' in the modeler: a test run of the edited diagram with sample data."""

import json

from django.apps import apps

from engine.models import ProcessDefinition
from tests.factories import deploy_fixture


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_test_run_of_the_edited_diagram_shows_its_path_and_stores_nothing(login, users, db):
    [definition] = deploy_fixture()
    olga = login(users["olga"])
    # An edit not deployed: a small order now also needs the approval.
    xml = definition.bpmn_xml.replace("total &gt; 1000", "total &gt; 10")
    sample = {
        "tasks": {
            "enter_order": {"customer": "ACME", "quantity": 2, "price": 30},
            "approve_order": {"approved": True},
        }
    }
    before = _counts()
    response = post_json(
        olga,
        "/modeler/try/",
        {"xml": xml, "base": {"key": "order_approval", "version": 1}, "sample": sample},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "completed"
    assert "approve_order" in [step["element_id"] for step in body["path"]]
    assert body["path"][2]["produced"] == {"total": 60}
    assert _counts() == before
    assert ProcessDefinition.objects.filter(key="order_approval").count() == 1


def test_sample_data_that_is_not_an_object_is_a_400_naming_it(login, users, db):
    [definition] = deploy_fixture()
    olga = login(users["olga"])
    for sample in (["not", "an", "object"], {"tasks": "none"}):
        response = post_json(olga, "/modeler/try/", {"xml": definition.bpmn_xml, "sample": sample})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "sample"


def test_a_diagram_that_would_not_deploy_is_a_400_with_its_problems(login, users, db):
    response = post_json(login(users["olga"]), "/modeler/try/", {"xml": "<nope/>", "sample": {}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_only_process_owners_try_a_diagram(login, users, db):
    [definition] = deploy_fixture()
    response = post_json(login(users["erin"]), "/modeler/try/", {"xml": definition.bpmn_xml})
    assert response.status_code == 403
