"""Decision tables in the browser: the list, the editor page, checking and deploying a
changed table as the next version of the processes that call it."""

import json

from engine.models import Deployment, ProcessDefinition
from engine.services.definitions import definition_deploy
from tests.engine.test_parsing_decisions import bundle, discount_dmn


def deploy_pricing(user=None):
    return definition_deploy(
        file_name="pricing.zip", content=bundle(discount_dmn()), user=user, check_role=False
    )


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_list_names_each_decision_and_the_processes_calling_it(login, users, db):
    deploy_pricing()
    response = login(users["erin"]).get("/decisions/")
    assert response.status_code == 200
    [decision] = response.context["decisions"]
    assert (decision.id, decision.name, decision.file) == (
        "discount_level",
        "Which discount does an order get?",
        "discount.dmn",
    )
    assert [p.key for p in decision.processes] == ["pricing"]
    html = response.content.decode()
    assert "Which discount does an order get?" in html
    assert "/decisions/discount_level/edit/" not in html  # managers read, owners edit
    assert (
        "/decisions/discount_level/edit/"
        in login(users["olga"]).get("/decisions/").content.decode()
    )


def test_no_decision_yet_says_how_to_add_one(login, users, db):
    html = login(users["olga"]).get("/decisions/").content.decode()
    assert "No process calls a decision table yet" in html


def test_the_editor_carries_the_table_and_refuses_others(login, users, db):
    deploy_pricing()
    response = login(users["olga"]).get("/decisions/discount_level/edit/")
    assert response.status_code == 200
    assert response.context["xml"].count("discount_level") >= 1
    assert login(users["erin"]).get("/decisions/discount_level/edit/").status_code == 403
    assert login(users["olga"]).get("/decisions/nothing/edit/").status_code == 404


def test_a_refused_table_is_reported_and_deploys_nothing(login, users, db):
    deploy_pricing()
    olga = login(users["olga"])
    hostile = discount_dmn(output_entry="__import__('os').system('x')")
    body = post(olga, "/decisions/discount_level/validate/", {"xml": hostile}).json()
    assert body["valid"] is False
    assert body["errors"] and all(e["file"] == "discount.dmn" for e in body["errors"])
    response = post(olga, "/decisions/discount_level/deploy/", {"xml": hostile, "comment": "x"})
    assert response.status_code == 400
    assert ProcessDefinition.objects.count() == 1
    assert Deployment.objects.count() == 1
    assert post(olga, "/decisions/discount_level/validate/", {"xml": ""}).json()["valid"] is False
    response = post(login(users["erin"]), "/decisions/discount_level/deploy/", {"xml": hostile})
    assert response.status_code == 403


def test_a_changed_table_is_the_next_version_of_the_calling_process(login, users, db):
    deploy_pricing()
    olga = login(users["olga"])
    changed = discount_dmn(input_entry=">= 5000")
    assert post(olga, "/decisions/discount_level/validate/", {"xml": changed}).json() == {
        "valid": True,
        "errors": [],
    }
    response = post(
        olga,
        "/decisions/discount_level/deploy/",
        {"xml": changed, "comment": "Gold starts at 5 000"},
    )
    assert response.status_code == 201, response.content
    assert [(d["key"], d["version"], d["created"]) for d in response.json()["deployed"]] == [
        ("pricing", 2, True)
    ]
    latest = ProcessDefinition.objects.select_related("deployment").get(version=2)
    assert "&gt;= 5000" in latest.deployment.files["discount.dmn"]
    assert latest.deployment.comment == "Gold starts at 5 000"
    assert latest.deployed_by == users["olga"]
    # The same table again makes no version.
    again = post(olga, "/decisions/discount_level/deploy/", {"xml": changed})
    assert again.status_code == 200
    assert ProcessDefinition.objects.count() == 2
