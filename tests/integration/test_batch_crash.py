"""A batch suspend of 1,000 instances by filter survives a worker killed half-way."""

from rest_framework.test import APIClient

from bench.cluster import wait_for
from engine.models import Batch, BatchItem, InstanceEvent, ProcessInstance
from engine.services.instances import instance_start
from tests.factories import deploy_fixture, make_user

INSTANCES = 1_000


def test_a_worker_killed_half_way_through_a_batch_leaves_the_rest_and_repeats_none(cluster):
    deploy_fixture()
    erin = make_user("erin", "managers")
    ids = [
        instance_start(definition_key="order_approval", business_key=f"SO-{n}").pk
        for n in range(INSTANCES)
    ]
    client = APIClient()
    client.force_authenticate(erin)
    body = {"operation": "suspend", "filter": {"definition": "order_approval"}}
    response = client.post("/api/batches/", body, format="json")
    assert response.status_code == 202, response.content
    batch_id = response.json()["id"]
    assert response.json()["total"] == INSTANCES

    victim = cluster.start_worker()
    cluster.start_beat()
    done = lambda at_least: Batch.objects.get(pk=batch_id).done >= at_least  # noqa: E731
    assert wait_for(lambda: done(INSTANCES // 4), 180), cluster.logs()
    cluster.kill(victim)
    halfway = Batch.objects.get(pk=batch_id)
    assert halfway.done < INSTANCES and halfway.status == "running"

    cluster.start_worker()
    assert wait_for(lambda: Batch.objects.get(pk=batch_id).status == "done", 300), cluster.logs()
    batch = Batch.objects.get(pk=batch_id)
    assert (batch.done, batch.failed) == (INSTANCES, 0)
    assert ProcessInstance.objects.filter(pk__in=ids, status="suspended").count() == INSTANCES
    assert set(BatchItem.objects.filter(batch=batch).values_list("status", flat=True)) == {
        "changed"
    }
    suspended = InstanceEvent.objects.filter(instance_id__in=ids, type="suspended")
    per_instance = suspended.values_list("instance_id", flat=True)
    assert len(per_instance) == len(set(per_instance)) == INSTANCES  # one event each
    page = client.get(f"/api/batches/{batch_id}/").json()
    assert (page["done"], page["total"], page["status"]) == (INSTANCES, INSTANCES, "done")
