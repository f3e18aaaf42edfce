"""Messages are the processes' own: a person sends one only when she may start a process
it starts, or is a manager; checking a diagram needs the process-owner role like deploying."""

import pytest

from engine.models import Message, ProcessInstance
from tests.factories import order_bundle

pytestmark = pytest.mark.usefixtures("deployed")


def send(desk, name: str, **body):
    return desk.client.post("/api/messages/", {"name": name, **body}, format="json")


def test_bob_cannot_fake_stock_arriving(team):
    answer = send(team.bob, "stock_arrived", correlation_key="SO-1")

    assert answer.status_code == 403
    assert "stock_arrived" in answer.json()["detail"]
    assert not Message.objects.exists()


def test_alice_cannot_start_procurement_by_its_message(team):
    answer = send(team.alice, "procurement_requested", variables={"quantity": 5})

    assert answer.status_code == 403
    assert not ProcessInstance.objects.filter(definition__key="procurement").exists()


def test_the_procurement_desk_starts_procurement_by_its_message(team):
    answer = send(team.dave, "procurement_requested", ttl_seconds=60)

    assert answer.status_code == 200, answer.content


def test_a_manager_sends_any_message(team):
    answer = send(team.erin, "stock_arrived", correlation_key="SO-1", ttl_seconds=60)

    assert answer.status_code == 200
    assert answer.json()["buffered"] is True


@pytest.mark.parametrize(("who", "status"), [("alice", 403), ("bob", 403), ("olga", 200)])
def test_checking_a_diagram_needs_the_process_owner_role(team, who, status):
    desk = getattr(team, who)
    answer = desk.client.post(
        "/api/definitions/validate/",
        {"file": _upload()},
        format="multipart",
    )
    assert answer.status_code == status, answer.content


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("order.zip", order_bundle(), content_type="application/zip")
