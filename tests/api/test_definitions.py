import pytest

from engine.models import Deployment, ProcessDefinition
from tests.api.helpers import BROKEN_BPMN, ORDER, TWO_PROCESSES_BPMN, upload
from tests.factories import fixture_bytes, order_bundle


@pytest.mark.django_db
def test_deploy_needs_the_process_owner_role(api, people):
    for user in (people.alice, people.erin):
        response = upload(api(user), order_bundle())
        assert response.status_code == 403
    assert not ProcessDefinition.objects.exists()
    assert not Deployment.objects.exists()


@pytest.mark.django_db
def test_superuser_may_deploy(api, people):
    assert upload(api(people.admin), order_bundle()).status_code == 201


@pytest.mark.django_db
def test_deploy_single_bpmn_file(api, people):
    response = upload(api(people.olga), fixture_bytes("order_approval.bpmn"), "order.bpmn")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body == {
        "key": ORDER,
        "version": 1,
        "name": "Order approval",
        "id": ProcessDefinition.objects.get().pk,
    }


@pytest.mark.django_db
def test_invalid_deployment_lists_its_problems_and_stores_nothing(api, people):
    response = upload(api(people.olga), BROKEN_BPMN, "broken.bpmn")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors
    assert set(errors[0]) == {"message", "file", "element_id", "line"}
    assert errors[0]["file"] == "broken.bpmn"
    assert not ProcessDefinition.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/definitions/", "/api/definitions/validate/"])
def test_missing_file_is_named(api, people, url):
    response = api(people.olga).post(url, {}, format="multipart")
    assert response.status_code == 400
    [problem] = response.json()["errors"]
    assert "'file'" in problem["message"]


@pytest.mark.django_db
def test_several_processes_in_one_file(api, people):
    client = api(people.olga)
    response = upload(client, TWO_PROCESSES_BPMN, "two.bpmn")
    assert response.status_code == 201, response.content
    deployed = response.json()["deployed"]
    assert {(d["key"], d["version"], d["created"]) for d in deployed} == {
        ("first_process", 1, True),
        ("second_process", 1, True),
    }
    again = upload(client, TWO_PROCESSES_BPMN, "two.bpmn")
    assert again.status_code == 200
    assert {d["created"] for d in again.json()["deployed"]} == {False}


@pytest.mark.django_db
def test_validate_deploys_nothing_and_process_owners_may_use_it(api, people):
    client = api(people.olga)
    good = upload(client, order_bundle(), url="/api/definitions/validate/")
    assert good.status_code == 200, good.content
    assert good.json()["valid"] is True
    assert good.json()["errors"] == []
    assert good.json()["processes"] == [ORDER]
    bad = upload(client, BROKEN_BPMN, "broken.bpmn", url="/api/definitions/validate/")
    assert bad.status_code == 200
    assert bad.json()["valid"] is False
    assert bad.json()["errors"][0]["file"] == "broken.bpmn"
    assert not ProcessDefinition.objects.exists()
    refused = upload(api(people.bob), order_bundle(), url="/api/definitions/validate/")
    assert refused.status_code == 403


@pytest.mark.django_db
def test_list_detail_and_xml(api, people):
    owner = api(people.olga)
    upload(owner, order_bundle())
    changed = fixture_bytes("order_approval.bpmn").replace(b"Enter order", b"Enter the order")
    upload(owner, order_bundle(replace={"order_approval.bpmn": changed}))
    upload(owner, TWO_PROCESSES_BPMN, "two.bpmn")
    reader = api(people.alice)

    listed = reader.get("/api/definitions/").json()
    assert {(d["key"], d["version"]) for d in listed} == {
        (ORDER, 2),
        ("first_process", 1),
        ("second_process", 1),
    }

    detail = reader.get(f"/api/definitions/{ORDER}/").json()
    assert detail["key"] == ORDER
    assert detail["name"] == "Order approval"
    assert [v["version"] for v in detail["versions"]] == [1, 2]
    assert {v["deployed_by"] for v in detail["versions"]} == {"olga"}
    assert all(v["deployed_at"] for v in detail["versions"])

    latest = reader.get(f"/api/definitions/{ORDER}/xml/")
    assert latest.status_code == 200
    assert latest["Content-Type"].startswith("application/xml")
    assert b"Enter the order" in latest.content
    first = reader.get(f"/api/definitions/{ORDER}/xml/", {"version": 1})
    assert b'name="Enter order"' in first.content
    # A client asking for XML gets it, not a 406.
    asked = reader.get(f"/api/definitions/{ORDER}/xml/", HTTP_ACCEPT="application/xml")
    assert asked.status_code == 200


@pytest.mark.django_db
def test_unknown_definition_and_version(api, people, order_definition):
    client = api(people.alice)
    assert client.get("/api/definitions/nope/").status_code == 404
    assert client.get("/api/definitions/nope/xml/").status_code == 404
    assert client.get(f"/api/definitions/{ORDER}/xml/", {"version": 9}).status_code == 404
    assert client.get(f"/api/definitions/{ORDER}/xml/", {"version": "x"}).status_code == 400
