"""The order-approval story over HTTP, from deployment to the manager's approval."""

import pytest
from rest_framework.test import APIClient

from engine.models import ProcessDefinition
from tests.api.helpers import ORDER, complete, history, inbox, start, upload
from tests.factories import fixture_bytes, order_bundle


def token_client(username: str) -> APIClient:
    client = APIClient()
    answer = client.post(
        "/api/auth/token/", {"username": username, "password": "pw-for-tests"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    return client


@pytest.mark.django_db
def test_order_approval_from_deployment_to_approval(people):
    olga, alice, bob, erin = (token_client(u) for u in ("olga", "alice", "bob", "erin"))

    # Deploy; identical content keeps the version; changed content makes version 2.
    first = upload(olga, order_bundle())
    assert first.status_code == 201, first.content
    assert first.json()["key"] == ORDER
    assert first.json()["version"] == 1
    again = upload(olga, order_bundle())
    assert again.status_code == 200
    assert again.json() == first.json()
    changed_form = fixture_bytes("approval-schema.json").replace(
        b'"Approve order"', b'"Approve the order"'
    )
    second = upload(olga, order_bundle(replace={"approval-schema.json": changed_form}))
    assert second.status_code == 201, second.content
    assert second.json()["version"] == 2
    assert ProcessDefinition.objects.filter(key=ORDER).count() == 2

    # A new instance runs the latest version; its first task waits for the Sales lane.
    started = start(alice, business_key="SO-1")
    assert started.status_code == 201, started.content
    instance = started.json()
    assert instance["version"] == 2
    assert instance["status"] == "running"
    assert instance["active"] == ["enter_order"]
    [enter_order] = instance["tasks"]
    assert inbox(alice, "candidate") == [enter_order]
    assert inbox(erin, "candidate") == []
    assert inbox(bob, "candidate") == []

    # Bob is no candidate: he may not claim it.
    assert bob.post(f"/api/tasks/{enter_order}/claim/").status_code == 403

    # Bad form data is refused, field by field, and changes nothing.
    instance_url = f"/api/instances/{instance['id']}/"
    events_before = history(alice, instance["id"])
    state_before = alice.get(instance_url).json()
    refused = complete(alice, enter_order, {"customer": "ACME", "quantity": 0, "price": 600})
    assert refused.status_code == 400
    assert "quantity" in refused.json()["errors"]
    assert history(alice, instance["id"]) == events_before
    assert alice.get(instance_url).json() == state_before
    task = alice.get(f"/api/tasks/{enter_order}/").json()
    assert task["status"] == "open"
    assert task["assignee"] is None

    # Valid data completes it; a big order goes to the managers.
    done = complete(alice, enter_order, {"customer": "ACME", "quantity": 3, "price": 600})
    assert done.status_code == 200, done.content
    assert done.json()["task"]["status"] == "completed"
    after = done.json()["instance"]
    assert after["variables"]["total"] == 1800
    assert after["active"] == ["approve_order"]
    [approve_order] = after["tasks"]
    assert inbox(erin, "candidate") == [approve_order]
    assert inbox(alice, "candidate") == []
    assert inbox(bob, "candidate") == []

    approved = complete(erin, approve_order, {"approved": True})
    assert approved.status_code == 200, approved.content
    final = erin.get(instance_url).json()
    assert final["status"] == "completed"
    assert final["stage"] == "Order approved"
    assert final["tasks"] == []
    assert final["ended_at"] is not None
