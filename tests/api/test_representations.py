"""The serializers that write their answer directly give what their declared fields give."""

import pytest
from rest_framework import serializers

from api.serializers.instances import IncidentSerializer, InstanceSerializer
from api.serializers.tasks import (
    TaskCompletionSerializer,
    TaskDetailSerializer,
    TaskSerializer,
)
from engine.models import HumanTask, Incident, ProcessInstance
from engine.selectors import with_open_work
from engine.services.tasks import task_claim, task_complete
from tests.api.helpers import BIG_ORDER, FAILING_BPMN, start, upload


def field_by_field(serializer_class, obj) -> dict:
    """DRF's own rendering: every declared field, read and rendered one by one."""
    return serializers.Serializer.to_representation(serializer_class(obj), obj)


def assert_same(serializer_class, obj) -> None:
    written = serializer_class(obj).data
    assert written == field_by_field(serializer_class, obj)
    assert list(written) == list(field_by_field(serializer_class, obj))


@pytest.fixture
def orders(api, people, order_definition):
    """Three orders started by bob: one open, one claimed by alice, one past its first task."""
    ids = [start(api(people.bob), business_key=f"SO-{n}").json()["id"] for n in range(3)]
    tasks = [HumanTask.objects.get(instance_id=pk).pk for pk in ids]
    task_claim(task_id=tasks[1], user=people.alice)
    task_complete(task_id=tasks[2], user=people.alice, data=BIG_ORDER)
    return ids, tasks


@pytest.mark.django_db
def test_tasks(orders):
    for task in HumanTask.objects.select_related("definition", "assignee"):
        assert_same(TaskSerializer, task)
        assert_same(TaskDetailSerializer, task)
    assert {t.status for t in HumanTask.objects.all()} == {"open", "claimed", "completed"}


@pytest.mark.django_db
def test_instances_read_plain_and_prefetched(api, people, orders):
    assert upload(api(people.olga), FAILING_BPMN, "divide.bpmn").status_code == 201
    start(api(people.bob), "divide", variables={"divisor": 0})
    for instance in ProcessInstance.objects.all():
        assert_same(InstanceSerializer, instance)
    for instance in with_open_work(ProcessInstance.objects.all()):
        assert_same(InstanceSerializer, instance)
    [incident] = Incident.objects.all()
    assert_same(IncidentSerializer, incident)
    assert InstanceSerializer(incident.instance).data["incidents"] == [
        IncidentSerializer(incident).data
    ]


@pytest.mark.django_db
def test_completion(people, orders):
    _, tasks = orders
    task, instance = task_complete(task_id=tasks[0], user=people.alice, data=BIG_ORDER)
    completion = {"task": task, "instance": instance}
    assert TaskCompletionSerializer(completion).data == {
        "task": field_by_field(TaskDetailSerializer, task),
        "instance": field_by_field(InstanceSerializer, instance),
    }
