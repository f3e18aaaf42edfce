"""Camunda 7 attributes on user tasks, external service tasks and JUEL conditions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engine.connectors import register_connector, unregister_connector
from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import fixture_bytes, make_user, run_due_work, zip_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture
def lookup_connector():
    calls = []

    def lookup(params, *, data):
        calls.append(dict(data))
        return {"customer": "ACME", "credit_ok": True}

    register_connector("test-lookup", lookup)
    yield calls
    unregister_connector("test-lookup")


def _deploy():
    content = zip_bundle(
        {
            "camunda_dialect.bpmn": fixture_bytes("camunda_dialect.bpmn"),
            "approval-schema.json": fixture_bytes("approval-schema.json"),
        }
    )
    return definition_deploy(file_name="c.zip", content=content, user=None, check_role=False)


def test_camunda_user_task_attributes(lookup_connector):
    _deploy()
    requester = make_user("rita")
    instance = instance_start(
        definition_key="camunda_dialect",
        variables={"requester": "rita", "urgency": 3},
        user=requester,
    )
    assert lookup_connector == []  # the service task waits for a worker
    instance = run_due_work(instance)
    assert len(lookup_connector) == 1
    task = HumanTask.objects.get(instance=instance, element_id="review")
    assert task.assignee == requester
    assert task.status == "claimed"
    assert task.candidate_groups == ["managers", "warehouse"]
    assert task.candidate_users == ["dora"]
    assert task.priority == 30
    assert abs(task.due_at - (timezone.now() + timedelta(days=2))) < timedelta(minutes=1)
    assert task.follow_up_at.year == 2030
    assert task.form_key == "approval-schema.json"


def test_juel_condition_and_candidate_group_inbox(lookup_connector):
    _deploy()
    rita = make_user("rita")
    instance = instance_start(
        definition_key="camunda_dialect", variables={"requester": "rita", "urgency": 1}, user=rita
    )
    run_due_work(instance)
    review = HumanTask.objects.get(instance=instance, element_id="review")
    task_complete(task_id=review.pk, user=rita, data={"approved": True})
    pool = HumanTask.objects.get(instance=instance, element_id="pool_task")
    assert pool.assignee is None
    assert list(pool.candidates.values_list("kind", "name")) == [("group", "warehouse")]


def test_external_task_result_goes_into_data(lookup_connector):
    _deploy()
    rita = make_user("rita")
    instance = instance_start(
        definition_key="camunda_dialect", variables={"requester": "rita", "urgency": 0}, user=rita
    )
    instance = run_due_work(instance)
    results = [v for k, v in instance.variables.items() if k.endswith("_result")]
    assert results == [{"customer": "ACME", "credit_ok": True}]
