"""The modeler's validate and deploy: errors by element, next version, forms kept."""

import json

from engine.models import ProcessDefinition
from tests.factories import deploy_fixture, fixture_bytes

ORDER = fixture_bytes("order_approval.bpmn").decode()


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_modeler_page_carries_the_version_to_edit(login, users, db):
    deploy_fixture()
    response = login(users["olga"]).get("/processes/order_approval/modeler/?version=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="modeler-xml"' in html and "compute_total" in html
    assert response.context["base"] == {"key": "order_approval", "version": 1}
    assert login(users["olga"]).get("/processes/nope/modeler/").status_code == 404


def test_new_process_starts_from_a_blank_executable_diagram(login, users, db):
    response = login(users["olga"]).get("/modeler/new/")
    xml = response.context["xml"]
    assert 'isExecutable="true"' in xml
    assert "<bpmndi:BPMNDiagram" in xml
    assert response.context["base"] is None


def test_validate_reports_problems_with_their_element(login, users, db):
    deploy_fixture()
    broken = ORDER.replace("total = quantity * price", "import os")
    body = post_json(
        login(users["olga"]),
        "/modeler/validate/",
        {"xml": broken, "base": {"key": "order_approval", "version": 1}},
    ).json()
    assert body["valid"] is False
    assert [e["element_id"] for e in body["errors"]] == ["compute_total"]
    assert "refused" in body["errors"][0]["message"]
    ok = post_json(login(users["olga"]), "/modeler/validate/", {"xml": ORDER}).json()
    assert ok.pop("impact")[0]["next"] == 2
    assert ok == {"valid": True, "errors": [], "warnings": [], "processes": ["order_approval"]}


def test_validate_answers_for_nonsense(login, users, db):
    client = login(users["olga"])
    response = client.post("/modeler/validate/", "not json", content_type="application/json")
    assert response.status_code == 200
    assert response.json()["valid"] is False
    body = post_json(client, "/modeler/validate/", {"xml": "<bpmn:definitions"}).json()
    assert body["valid"] is False and body["errors"][0]["message"]


def test_deploy_makes_the_next_version_and_keeps_the_forms(login, users, db):
    deploy_fixture()
    changed = ORDER.replace("total = quantity * price", "total = quantity * price * 2")
    response = post_json(
        login(users["olga"]),
        "/modeler/deploy/",
        {"xml": changed, "base": {"key": "order_approval", "version": 1}},
    )
    assert response.status_code == 201
    deployed = response.json()["deployed"]
    assert deployed[0]["version"] == 2 and deployed[0]["created"] is True
    assert deployed[0]["url"] == "/processes/order_approval/?version=2"
    v1, v2 = ProcessDefinition.objects.filter(key="order_approval").order_by("version")
    assert v2.deployed_by == users["olga"]
    assert "* 2" in v2.bpmn_xml
    assert v2.forms == v1.forms
    again = post_json(
        login(users["olga"]),
        "/modeler/deploy/",
        {"xml": changed, "base": {"key": "order_approval", "version": 2}},
    )
    assert again.status_code == 200
    assert again.json()["deployed"][0] == {**deployed[0], "created": False}


def test_deploy_refuses_an_invalid_diagram_and_stores_nothing(login, users, db):
    deploy_fixture()
    broken = ORDER.replace('targetRef="approved"', 'targetRef="nowhere"')
    response = post_json(
        login(users["olga"]),
        "/modeler/deploy/",
        {"xml": broken, "base": {"key": "order_approval", "version": 1}},
    )
    assert response.status_code == 400
    assert "f4" in [e["element_id"] for e in response.json()["errors"]]
    assert ProcessDefinition.objects.filter(key="order_approval").count() == 1


def test_a_new_process_deploys_as_version_1(login, users, db):
    xml = ORDER.replace('id="order_approval"', 'id="fresh_process"').replace(
        'processRef="order_approval"', 'processRef="fresh_process"'
    )
    response = post_json(login(users["olga"]), "/modeler/deploy/", {"xml": xml, "base": None})
    assert response.status_code == 201
    assert response.json()["deployed"][0]["key"] == "fresh_process"
    assert ProcessDefinition.objects.get(key="fresh_process").version == 1


def test_deploy_from_the_modeler_keeps_the_comment(login, users, db):
    deploy_fixture()
    changed = ORDER.replace("total = quantity * price", "total = quantity * price * 2")
    response = post_json(
        login(users["olga"]),
        "/modeler/deploy/",
        {
            "xml": changed,
            "base": {"key": "order_approval", "version": 1},
            "comment": "Double totals",
        },
    )
    assert response.status_code == 201, response.content
    latest = ProcessDefinition.objects.select_related("deployment").get(version=2)
    assert latest.deployment.comment == "Double totals"
    assert latest.deployed_by == users["olga"]


def test_a_comment_that_is_not_text_deploys_nothing(login, users, db):
    deploy_fixture()
    changed = ORDER.replace("total = quantity * price", "total = quantity * price * 2")
    response = post_json(
        login(users["olga"]),
        "/modeler/deploy/",
        {"xml": changed, "base": {"key": "order_approval", "version": 1}, "comment": ["no"]},
    )
    assert response.status_code == 400
    assert "comment" in response.json()["errors"][0]["message"]
    assert ProcessDefinition.objects.count() == 1
