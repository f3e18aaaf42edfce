"""Before deploying, the modeler says what a deploy would do: the next version, and which
running cases stay on which version."""

import json

from engine.models import ProcessDefinition, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import deploy_fixture, fixture_bytes

ORDER = fixture_bytes("order_approval.bpmn").decode()
BASE = {"key": "order_approval", "version": 1}


def check(client, xml, base=BASE):
    body = {"xml": xml, "base": base}
    response = client.post("/modeler/validate/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_a_valid_change_says_the_next_version_and_who_stays_where(login, users, db):
    deploy_fixture()
    instance_start(definition_key="order_approval", business_key="SO-1")
    instance_start(definition_key="order_approval", business_key="SO-2")
    definition_deploy(
        file_name="order_approval.bpmn",
        content=ORDER.replace("* price", "* price * 1").encode(),
        user=users["olga"],
    )
    instance_start(definition_key="order_approval", business_key="SO-3")
    changed = ORDER.replace("* price", "* price * 3")
    body = check(login(users["olga"]), changed)
    assert body["valid"] is True
    assert body["impact"] == [
        {
            "key": "order_approval",
            "name": "Order approval",
            "latest": 2,
            "next": 3,
            "unchanged": False,
            "running": [{"version": 2, "count": 1}, {"version": 1, "count": 2}],
        }
    ]
    # Checking deploys nothing.
    assert ProcessDefinition.objects.count() == 2
    assert ProcessInstance.objects.count() == 3


def test_identical_content_is_said_to_make_no_version(login, users, db):
    deploy_fixture()
    [row] = check(login(users["olga"]), ORDER)["impact"]
    assert (row["unchanged"], row["latest"], row["next"]) == (True, 1, 1)


def test_a_new_process_would_be_its_first_version(login, users, db):
    new = ORDER.replace('id="order_approval"', 'id="order_check"')
    [row] = check(login(users["olga"]), new, base=None)["impact"]
    assert row == {
        "key": "order_check",
        "name": "Order approval",
        "latest": None,
        "next": 1,
        "unchanged": False,
        "running": [],
    }


def test_an_invalid_diagram_has_no_impact(login, users, db):
    deploy_fixture()
    body = check(login(users["olga"]), ORDER.replace("total = quantity * price", "import os"))
    assert body["valid"] is False
    assert body["impact"] == []


def test_only_process_owners_check(login, users, db):
    deploy_fixture()
    response = login(users["erin"]).post(
        "/modeler/validate/", json.dumps({"xml": ORDER}), content_type="application/json"
    )
    assert response.status_code == 403
