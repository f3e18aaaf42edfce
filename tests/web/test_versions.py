"""Version history with comments, the diff of two versions, rolling back to an earlier one."""

from engine.models import Deployment, ProcessDefinition, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import deploy_fixture, fixture_bytes, order_bundle

ORDER = fixture_bytes("order_approval.bpmn")
FLOW = b'<bpmn:sequenceFlow id="f4" sourceRef="approve_order" targetRef="approved" />'
WITH_TASK = ORDER.replace(
    FLOW,
    b'<bpmn:userTask id="tell_customer" name="Tell the customer" />'
    b'<bpmn:sequenceFlow id="f4a" sourceRef="approve_order" targetRef="tell_customer" />'
    b'<bpmn:sequenceFlow id="f4b" sourceRef="tell_customer" targetRef="approved" />',
).replace(b"total = quantity * price", b"total = quantity * price * 2")


def two_versions(olga):
    deploy_fixture()
    definition_deploy(
        file_name="order.zip",
        content=order_bundle({"order_approval.bpmn": WITH_TASK}),
        user=olga,
        comment="The customer is told after approval",
    )


def test_history_lists_versions_newest_first_with_why_and_who(login, users, db):
    two_versions(users["olga"])
    instance_start(definition_key="order_approval", business_key="SO-1")
    response = login(users["erin"]).get("/processes/order_approval/versions/")
    assert response.status_code == 200
    assert [v.version for v in response.context["versions"]] == [2, 1]
    html = response.content.decode()
    assert "The customer is told after approval" in html
    assert "Deployed by olga" in html
    assert "1 case is running on this version and stays on it." in html
    assert "Roll back" not in html  # managers look; process owners roll back
    assert (
        "Roll back to v1"
        in login(users["olga"]).get("/processes/order_approval/versions/").content.decode()
    )


def test_diff_names_the_added_removed_and_changed_elements(login, users, db):
    two_versions(users["olga"])
    response = login(users["erin"]).get("/processes/order_approval/diff/?from=1&to=2")
    assert response.status_code == 200
    diff = response.context["diff"]
    assert [row["name"] for row in diff["added"]] == [
        "Approve order → Tell the customer",
        "Tell the customer",
        "Tell the customer → Order approved",
    ]
    assert [row["name"] for row in diff["removed"]] == ["Approve order → Order approved"]
    [changed] = diff["changed"]
    assert changed["name"] == "Compute total"
    assert changed["changes"] == [
        {
            "property": "Script",
            "before": "total = quantity * price",
            "after": "total = quantity * price * 2",
        }
    ]
    assert set(diff["after_marks"]["added"]) == {"tell_customer", "f4a", "f4b"}
    assert diff["before_marks"] == {"removed": ["f4"]}
    html = response.content.decode()
    assert "Changes from v1 to v2" in html and "User task" in html
    # Without from/to: the latest against the one before it.
    assert (
        login(users["erin"]).get("/processes/order_approval/diff/").context["before"].version == 1
    )


def test_diff_of_unknown_versions_is_404(login, users, db):
    two_versions(users["olga"])
    erin = login(users["erin"])
    assert erin.get("/processes/order_approval/diff/?from=1&to=9").status_code == 404
    assert erin.get("/processes/order_approval/diff/?from=x").status_code == 404
    assert erin.get("/processes/nothing/diff/").status_code == 404
    assert erin.get("/processes/nothing/versions/").status_code == 404


def test_rollback_deploys_the_earlier_content_as_the_next_version(login, users, db):
    two_versions(users["olga"])
    running = instance_start(definition_key="order_approval", business_key="SO-2")
    response = login(users["olga"]).post(
        "/processes/order_approval/versions/1/rollback/",
        {"comment": "The new step confused the sales team"},
    )
    assert response.status_code == 302
    restored = ProcessDefinition.objects.select_related("deployment").get(version=3)
    first = ProcessDefinition.objects.get(version=1)
    assert restored.content_hash == first.content_hash
    assert restored.restored_from == 1
    assert restored.deployed_by == users["olga"]
    assert restored.deployment.comment == "The new step confused the sales team"
    assert set(restored.forms) == set(first.forms)
    # The case that started on v2 stays on v2; a new one starts on v3.
    running.refresh_from_db()
    assert running.definition.version == 2
    new = instance_start(definition_key="order_approval", business_key="SO-3")
    assert new.definition.version == 3
    html = login(users["olga"]).get("/processes/order_approval/versions/").content.decode()
    assert "rolled back to v1" in html
    assert "v3 has the content of v1" in html


def test_rollback_refusals_change_nothing(login, users, db):
    two_versions(users["olga"])
    before = (ProcessDefinition.objects.count(), Deployment.objects.count())
    erin = login(users["erin"])
    assert erin.post("/processes/order_approval/versions/1/rollback/").status_code == 403
    olga = login(users["olga"])
    # Rolling back to the latest content: nothing to do.
    response = olga.post("/processes/order_approval/versions/2/rollback/")
    assert response.status_code == 409
    assert "already has the content of v2" in response.content.decode()
    response = olga.post("/processes/order_approval/versions/7/rollback/")
    assert response.status_code == 404
    response = olga.post("/processes/order_approval/versions/1/rollback/", {"comment": "x" * 2001})
    assert response.status_code == 400
    assert "at most 2000 are kept" in response.content.decode()
    assert olga.get("/processes/order_approval/versions/1/rollback/").status_code == 405
    assert (ProcessDefinition.objects.count(), Deployment.objects.count()) == before
    assert not ProcessInstance.objects.exists()
