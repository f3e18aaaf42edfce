"""Reassign, delegate and resolve: who may, what the inbox and the history show."""

import pytest

from engine.models import HumanTask
from tests.api.helpers import SMALL_ORDER, complete, history, inbox, start, upload
from tests.factories import make_user

PICKING_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="Definitions_pick" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="picking" name="Picking" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="pick" name="Pick the goods" camunda:candidateGroups="Warehouse">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pick" />
    <bpmn:sequenceFlow id="f2" sourceRef="pick" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture
def picking(api, people):
    """A picking task claimed by bob (warehouse)."""
    deployed = upload(api(people.olga), PICKING_BPMN, name="picking.bpmn")
    assert deployed.status_code == 201, deployed.content
    instance = start(api(people.erin), "picking").json()
    task_id = instance["tasks"][0]
    assert api(people.bob).post(f"/api/tasks/{task_id}/claim/").status_code == 200
    return instance["id"], task_id


@pytest.fixture
def sales_task(api, people, order_definition):
    """An order's first task, claimed by alice (sales)."""
    task_id = start(api(people.alice)).json()["tasks"][0]
    assert api(people.alice).post(f"/api/tasks/{task_id}/claim/").status_code == 200
    return task_id


def _assign(client, task_id, user, **extra):
    return client.post(f"/api/tasks/{task_id}/assign/", {"user": user, **extra}, format="json")


def _delegate(client, task_id, user, **extra):
    return client.post(f"/api/tasks/{task_id}/delegate/", {"user": user, **extra}, format="json")


@pytest.mark.django_db
def test_manager_reassigns_a_claimed_task_to_another_candidate(api, people, picking):
    instance_id, task_id = picking
    frank = make_user("frank", "warehouse")
    moved = _assign(api(people.erin), task_id, "frank", reason="Bob is away this week")
    assert moved.status_code == 200, moved.content
    assert moved.json()["assignee"] == "frank"
    assert moved.json()["status"] == "claimed"
    assert inbox(api(frank), "mine") == [task_id]
    assert inbox(api(people.bob), "mine") == []

    event = [e for e in history(api(people.erin), instance_id) if e["type"] == "task_assigned"]
    assert len(event) == 1
    assert event[0]["user"] == "erin"
    assert event[0]["data"]["from"] == "bob"
    assert event[0]["data"]["to"] == "frank"
    assert event[0]["data"]["reason"] == "Bob is away this week"


@pytest.mark.django_db
def test_reassign_refusals_change_nothing(api, people, picking):
    _, task_id = picking
    make_user("frank", "warehouse")
    # A candidate who is not a manager nor a lead: 403 naming why.
    refused = _assign(api(people.bob), task_id, "frank")
    assert refused.status_code == 403
    assert "manager or a lead" in refused.json()["detail"]
    # Not a candidate, unknown, missing: 400 naming the field.
    for user, words in [("alice", "not a candidate"), ("nobody", "no active user")]:
        answer = _assign(api(people.erin), task_id, user)
        assert answer.status_code == 400, answer.content
        assert words in str(answer.json())
    assert (
        api(people.erin).post(f"/api/tasks/{task_id}/assign/", {}, format="json").status_code == 400
    )
    assert _assign(api(people.erin), 999999, "frank").status_code == 404
    assert HumanTask.objects.get(pk=task_id).assignee == people.bob


@pytest.mark.django_db
def test_a_lead_of_the_candidate_group_may_reassign(api, people, picking):
    _, task_id = picking
    lead = make_user("greta", "warehouse", "leads")
    make_user("frank", "warehouse")
    assert _assign(api(lead), task_id, "frank").status_code == 200
    # A lead of another group may not.
    other_lead = make_user("hugo", "sales", "leads")
    assert _assign(api(other_lead), task_id, "bob").status_code == 403


@pytest.mark.django_db
def test_delegate_then_resolve_then_the_owner_completes(api, people, sales_task):
    task_id = sales_task
    carol = make_user("carol", "sales")
    alice = api(people.alice)

    delegated = _delegate(alice, task_id, "carol", reason="Carol knows this customer")
    assert delegated.status_code == 200, delegated.content
    assert delegated.json()["assignee"] == "carol"
    assert delegated.json()["owner"] == "alice"
    assert inbox(alice, "delegated") == [task_id]
    assert inbox(alice, "mine") == []
    assert inbox(api(carol), "mine") == [task_id]
    assert alice.get(f"/api/tasks/{task_id}/").status_code == 200  # the owner still sees it

    # The delegate resolves; completing or giving back is not theirs to do.
    refused = complete(api(carol), task_id, SMALL_ORDER)
    assert refused.status_code == 409
    assert "resolve" in refused.json()["detail"]
    assert api(carol).post(f"/api/tasks/{task_id}/unclaim/").status_code == 409
    assert alice.post(f"/api/tasks/{task_id}/resolve/").status_code == 403
    assert _delegate(api(carol), task_id, "alice").status_code == 409  # delegated already

    resolved = api(carol).post(f"/api/tasks/{task_id}/resolve/", {"reason": "Checked"})
    assert resolved.status_code == 200, resolved.content
    assert resolved.json()["assignee"] == "alice"
    assert resolved.json()["owner"] is None
    assert inbox(alice, "mine") == [task_id]
    assert inbox(alice, "delegated") == []
    assert api(carol).post(f"/api/tasks/{task_id}/resolve/").status_code == 409

    assert complete(alice, task_id, SMALL_ORDER).status_code == 200
    instance_id = HumanTask.objects.get(pk=task_id).instance_id
    kinds = [(e["type"], e["user"]) for e in history(alice, instance_id)]
    assert ("task_delegated", "alice") in kinds
    assert ("task_resolved", "carol") in kinds
    assert kinds.index(("task_resolved", "carol")) < kinds.index(("task_completed", "alice"))


@pytest.mark.django_db
def test_delegate_refusals(api, people, sales_task):
    task_id = sales_task
    make_user("carol", "sales")
    alice = api(people.alice)
    assert _delegate(api(people.erin), task_id, "carol").status_code == 403  # not the assignee
    assert _delegate(alice, task_id, "alice").status_code == 400  # oneself
    assert _delegate(alice, task_id, "nobody").status_code == 400
    assert _delegate(alice, task_id, "carol").status_code == 200
    assert _assign(api(people.erin), task_id, "alice").status_code == 409  # resolve first
    task = HumanTask.objects.get(pk=task_id)
    assert (task.assignee.username, task.owner.username) == ("carol", "alice")
