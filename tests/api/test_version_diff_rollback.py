"""The diff between two versions and rolling back, through the API."""

import pytest

from engine.models import Deployment, ProcessDefinition
from tests.api.test_deploy_comments import changed_bundle, deploy
from tests.factories import order_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(api, people):
    client = api(people.olga)
    assert deploy(client, order_bundle()).status_code == 201
    assert deploy(client, changed_bundle(), comment="Doubled").status_code == 201
    return client


def test_the_diff_names_the_changed_elements_with_before_and_after(two_versions, api, people):
    response = api(people.alice).get("/api/definitions/order_approval/diff/?from=1&to=2")
    assert response.status_code == 200
    body = response.json()
    assert (body["key"], body["from"], body["to"]) == ("order_approval", 1, 2)
    assert body["added"] == [] and body["removed"] == []
    [changed] = body["changed"]
    assert changed["type"] == "scriptTask"
    [change] = changed["changes"]
    assert change["name"] == "bpmn:script"
    assert "quantity * price * 2" in change["after"]
    assert "quantity * price * 2" not in change["before"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("", "from"), ("?from=1", "to"), ("?from=one&to=2", "from"), ("?from=1&to=99999999999", "to")],
)
def test_a_diff_without_two_version_numbers_is_a_400_naming_the_parameter(
    two_versions, query, field
):
    response = two_versions.get(f"/api/definitions/order_approval/diff/{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_diff_with_an_unknown_version_is_a_404_naming_it(two_versions):
    response = two_versions.get("/api/definitions/order_approval/diff/?from=1&to=7")
    assert response.status_code == 404
    assert "no version 7" in response.json()["detail"]
    assert two_versions.get("/api/definitions/nothing/diff/?from=1&to=2").status_code == 404


def test_rolling_back_deploys_the_earlier_content_as_the_next_version(two_versions):
    response = two_versions.post(
        "/api/definitions/order_approval/rollback/",
        {"version": 1, "comment": "Back to single totals"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 3 and response.json()["restored_from"] == 1
    v1, v3 = (ProcessDefinition.objects.get(key="order_approval", version=n) for n in (1, 3))
    assert v3.content_hash == v1.content_hash
    assert v3.deployment.comment == "Back to single totals"
    again = two_versions.post(
        "/api/definitions/order_approval/rollback/", {"version": 1}, format="json"
    )
    assert again.status_code == 409
    assert "already has the content of v1" in again.json()["detail"]
    assert ProcessDefinition.objects.filter(key="order_approval").count() == 3


def test_a_bad_rollback_changes_nothing(two_versions, api, people):
    before = Deployment.objects.count()
    url = "/api/definitions/order_approval/rollback/"
    refused = api(people.alice).post(url, {"version": 1}, format="json")
    assert refused.status_code == 403 and "process-owners" in refused.json()["detail"]
    bad = two_versions.post(url, {"version": "first"}, format="json")
    assert bad.status_code == 400 and "version" in bad.json()["errors"]
    assert two_versions.post(url, {}, format="json").status_code == 400
    assert two_versions.post(url, {"version": 9}, format="json").status_code == 404
    assert (
        two_versions.post(
            "/api/definitions/nothing/rollback/", {"version": 1}, format="json"
        ).status_code
        == 404
    )
    assert Deployment.objects.count() == before
