import pytest
from rest_framework.test import APIClient

from engine.models import ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    api = APIClient()
    api.force_authenticate(make_user("erin", "managers"))
    path = FIXTURES / "runtime" / "messages.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    return api


def test_message_correlates_by_business_key(client):
    waiting = instance_start(definition_key="waiting_order", business_key="SO-1")
    answer = client.post(
        "/api/messages/",
        {"name": "goods_arrived", "correlation_key": "SO-1", "variables": {"qty": 2}},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "correlated": [waiting.pk],
        "started": [],
        "buffered": False,
        "duplicate": False,
    }
    waiting.refresh_from_db()
    assert waiting.status == "completed"


def test_message_for_nobody_is_404_or_buffered_with_ttl(client):
    body = {"name": "goods_arrived", "correlation_key": "nobody"}
    assert client.post("/api/messages/", body, format="json").status_code == 404
    answer = client.post("/api/messages/", {**body, "ttl_seconds": 60}, format="json")
    assert answer.status_code == 200 and answer.json()["buffered"] is True


def test_repeated_message_id_is_delivered_once(client):
    first = instance_start(definition_key="waiting_order", business_key="SO-2")
    body = {"name": "goods_arrived", "correlation_key": "SO-2", "message_id": "abc"}
    assert client.post("/api/messages/", body, format="json").json()["correlated"] == [first.pk]
    second = instance_start(definition_key="waiting_order", business_key="SO-2")
    again = client.post("/api/messages/", body, format="json").json()
    assert again["duplicate"] is True
    assert ProcessInstance.objects.get(pk=second.pk).status == "running"


def test_message_without_name_is_400(client):
    answer = client.post("/api/messages/", {"variables": {}}, format="json")
    assert answer.status_code == 400
    assert "name" in answer.json()["errors"]
