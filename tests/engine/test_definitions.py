import json

import pytest

from engine.exceptions import Forbidden
from engine.models import Deployment, HumanTask, ProcessDefinition
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_form
from tests.factories import fixture_bytes, make_user, order_bundle

pytestmark = pytest.mark.django_db


def _changed_order_form() -> bytes:
    schema = json.loads(fixture_bytes("order-schema.json"))
    schema["properties"]["note"] = {"type": "string", "title": "Note"}
    return json.dumps(schema).encode()


def test_identical_redeploy_keeps_version_changed_makes_next():
    olga = make_user("olga", "process-owners")
    first = definition_deploy(file_name="o.zip", content=order_bundle(), user=olga)
    again = definition_deploy(file_name="o.zip", content=order_bundle(), user=olga)
    assert first.created == [True] and again.created == [False]
    assert again.definitions[0].pk == first.definitions[0].pk
    changed = definition_deploy(
        file_name="o.zip",
        content=order_bundle({"order-schema.json": _changed_order_form()}),
        user=olga,
    )
    assert changed.created == [True]
    assert changed.definitions[0].version == 2
    assert changed.definitions[0].deployed_by == olga
    instance = instance_start(definition_key="order_approval", user=olga)
    assert instance.definition.version == 2


def test_running_instance_keeps_the_form_it_started_with():
    olga = make_user("olga", "process-owners")
    definition_deploy(file_name="o.zip", content=order_bundle(), user=olga)
    old = instance_start(definition_key="order_approval", user=olga)
    definition_deploy(
        file_name="o.zip",
        content=order_bundle({"order-schema.json": _changed_order_form()}),
        user=olga,
    )
    new = instance_start(definition_key="order_approval", user=olga)
    old_form = task_form(HumanTask.objects.get(instance=old))
    new_form = task_form(HumanTask.objects.get(instance=new))
    assert "note" not in old_form["schema"]["properties"]
    assert "note" in new_form["schema"]["properties"]


def test_forms_are_found_in_forms_folder_after_the_bundle(settings, tmp_path):
    (tmp_path / "order-schema.json").write_bytes(fixture_bytes("order-schema.json"))
    (tmp_path / "approval-schema.json").write_bytes(fixture_bytes("approval-schema.json"))
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": tmp_path}
    result = definition_deploy(
        file_name="order_approval.bpmn",
        content=fixture_bytes("order_approval.bpmn"),
        user=None,
        check_role=False,
    )
    assert set(result.definitions[0].forms) == {"order-schema.json", "approval-schema.json"}


def test_missing_form_refuses_the_deployment_naming_the_element(settings, tmp_path):
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": tmp_path}
    with pytest.raises(DeploymentInvalid) as exc:
        definition_deploy(
            file_name="order_approval.bpmn",
            content=fixture_bytes("order_approval.bpmn"),
            user=None,
            check_role=False,
        )
    elements = {p.element_id for p in exc.value.problems}
    assert elements == {"enter_order", "approve_order"}
    assert all(p.line for p in exc.value.problems)
    assert ProcessDefinition.objects.count() == 0
    assert Deployment.objects.count() == 0


def test_deploying_needs_process_owners():
    alice = make_user("alice", "sales")
    with pytest.raises(Forbidden):
        definition_deploy(file_name="o.zip", content=order_bundle(), user=alice)
    assert ProcessDefinition.objects.count() == 0


def test_user_task_in_called_process_keeps_its_form_and_lane():
    from tests.factories import zip_bundle

    content = zip_bundle(
        {
            "call_activity.bpmn": fixture_bytes("call_activity.bpmn"),
            "approval-schema.json": fixture_bytes("approval-schema.json"),
        }
    )
    result = definition_deploy(file_name="call.zip", content=content, user=None, check_role=False)
    parent = next(d for d in result.definitions if d.key == "parent_process")
    assert parent.elements["approve"]["form"] == "approval-schema.json"
    erin = make_user("erin", "managers")
    instance = instance_start(definition_key="parent_process", user=erin)
    task = HumanTask.objects.get(instance=instance)
    assert task.element_id == "approve"
    assert task.candidate_groups == ["managers"]
    assert task_form(task)["schema"]["required"] == ["approved"]


def test_changing_one_process_of_a_bundle_versions_only_that_one():
    from tests.factories import zip_bundle

    def bundle(approval_note: str) -> bytes:
        files = {
            "call_activity.bpmn": fixture_bytes("call_activity.bpmn"),
            "parallel_loop.bpmn": fixture_bytes("parallel_loop.bpmn").replace(
                b"Task A", approval_note.encode()
            ),
            "approval-schema.json": fixture_bytes("approval-schema.json"),
        }
        return zip_bundle(files)

    first = definition_deploy(
        file_name="b.zip", content=bundle("Task A"), user=None, check_role=False
    )
    again = definition_deploy(
        file_name="b.zip", content=bundle("Task A2"), user=None, check_role=False
    )
    versions = {d.key: d.version for d in again.definitions}
    assert {d.key for d in first.definitions} == {
        "parent_process",
        "child_process",
        "parallel_loop",
    }
    assert versions == {"parent_process": 1, "child_process": 1, "parallel_loop": 2}
