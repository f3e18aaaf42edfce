"""User-task forms in the studio: the list, the editor page, checking, previewing and
deploying an edited form (in form-js's format) with its process."""

import json

from engine.models import Deployment, ProcessDefinition
from forms.formjs import FIELD_TYPES, to_formjs
from tests.factories import FIXTURES, deploy_fixture

FORM = "order-schema.json"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def edited(**changes):
    schema = json.loads((FIXTURES / FORM).read_text())
    ui = json.loads((FIXTURES / "order-uischema.json").read_text())
    form = to_formjs(schema, ui)
    for component in form["components"]:
        if component.get("key") in changes:
            component.update(changes[component["key"]])
    return form


def test_the_list_names_each_form_its_tasks_and_processes(login, users, db):
    deploy_fixture()
    response = login(users["erin"]).get("/forms/")
    assert response.status_code == 200
    by_name = {form.name: form for form in response.context["forms"]}
    assert {FORM, "approval-schema.json"} <= set(by_name)
    assert [p.key for p in by_name[FORM].processes] == ["order_approval"]
    assert by_name[FORM].tasks == ["Enter order"]
    html = response.content.decode()
    assert f"/forms/{FORM}/edit/" not in html  # managers read, owners edit
    assert f"/forms/{FORM}/edit/" in login(users["olga"]).get("/forms/").content.decode()


def test_no_form_yet_says_how_to_add_one(login, users, db):
    assert "No user task has a form yet" in login(users["olga"]).get("/forms/").content.decode()


def test_the_editor_carries_the_form_in_the_editors_format_and_refuses_others(login, users, db):
    deploy_fixture()
    response = login(users["olga"]).get(f"/forms/{FORM}/edit/")
    assert response.status_code == 200
    assert response.context["formjs"]["components"][0]["type"]
    assert login(users["erin"]).get(f"/forms/{FORM}/edit/").status_code == 403
    assert login(users["olga"]).get("/forms/nothing.json/edit/").status_code == 404


def test_an_edited_form_deploys_as_the_next_version_with_the_form_in_its_bundle(login, users, db):
    deploy_fixture()
    olga = login(users["olga"])
    form = edited(customer={"label": "Who orders"})
    assert post(olga, f"/forms/{FORM}/validate/", {"form": form}).json() == {
        "valid": True,
        "errors": [],
    }
    response = post(olga, f"/forms/{FORM}/deploy/", {"form": form, "comment": "Plainer label"})
    assert response.status_code == 201, response.content
    [row] = response.json()["deployed"]
    assert (row["key"], row["version"], row["created"]) == ("order_approval", 2, True)
    latest = ProcessDefinition.objects.select_related("deployment").get(
        key="order_approval", version=2
    )
    assert latest.forms[FORM]["schema"]["properties"]["customer"]["title"] == "Who orders"
    assert json.loads(latest.deployment.files[FORM])["properties"]["customer"]["title"] == (
        "Who orders"
    )
    assert latest.deployment.comment == "Plainer label"
    again = post(olga, f"/forms/{FORM}/deploy/", {"form": form})
    assert again.status_code == 200 and again.json()["deployed"][0]["created"] is False


def test_a_form_the_engine_refuses_is_reported_and_deploys_nothing(login, users, db):
    deploy_fixture()
    olga = login(users["olga"])
    before = Deployment.objects.count()
    # A pattern RE2 cannot run: refused by the loader that deploying uses.
    bad = edited(customer={"type": "textfield", "validate": {"pattern": "(a)\\1"}})
    bad["components"][0]["hypercrm"] = {"schema": {"pattern": "(a)\\1"}, "ui": {}}
    body = post(olga, f"/forms/{FORM}/validate/", {"form": bad}).json()
    assert body["valid"] is False
    assert FORM in body["errors"][0]["message"]
    response = post(olga, f"/forms/{FORM}/deploy/", {"form": bad})
    assert response.status_code == 400
    unreadable = edited(customer={"type": "image"})
    body = post(olga, f"/forms/{FORM}/validate/", {"form": unreadable}).json()
    assert body["valid"] is False and "'image'" in body["errors"][0]["message"]
    assert post(olga, f"/forms/{FORM}/deploy/", {"form": unreadable}).status_code == 400
    assert Deployment.objects.count() == before


def test_a_body_without_a_form_is_a_400_naming_the_field(login, users, db):
    deploy_fixture()
    olga = login(users["olga"])
    for url in ("validate", "preview", "deploy"):
        response = olga.post(f"/forms/{FORM}/{url}/", "nope", content_type="application/json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "form"


def test_the_preview_is_the_task_pages_form(login, users, db):
    deploy_fixture()
    body = post(login(users["olga"]), f"/forms/{FORM}/preview/", {"form": edited()}).json()
    assert 'data-field="customer"' in body["html"]
    assert "disabled" in body["html"]


def test_only_process_owners_deploy_a_form(login, users, db):
    deploy_fixture()
    response = post(login(users["erin"]), f"/forms/{FORM}/deploy/", {"form": edited()})
    assert response.status_code == 403
    assert not ProcessDefinition.objects.filter(key="order_approval", version=2).exists()


def test_deploying_a_field_kind_the_engine_refuses_is_a_400_naming_the_field(login, users, db):
    deploy_fixture()
    olga = login(users["olga"])
    before = (Deployment.objects.count(), ProcessDefinition.objects.count())
    # A tag list: form-js has it, the engine's forms have no JSON Schema for it.
    form = edited()
    form["components"].append({"type": "taglist", "key": "labels", "label": "Labels"})
    response = post(olga, f"/forms/{FORM}/deploy/", {"form": form, "comment": "Tags"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "labels"
    assert error["message"].startswith("The field \"Labels\" is a 'taglist'")
    assert (Deployment.objects.count(), ProcessDefinition.objects.count()) == before
    check = post(olga, f"/forms/{FORM}/validate/", {"form": form}).json()
    assert check["valid"] is False and check["errors"][0]["field"] == "labels"


def test_the_editor_page_offers_the_field_kinds_the_engine_takes(login, users, db):
    deploy_fixture()
    response = login(users["olga"]).get(f"/forms/{FORM}/edit/")
    assert response.context["field_types"] == list(FIELD_TYPES)
    assert 'id="form-field-types"' in response.content.decode()
