"""Messages are the processes' own: a person sends one only when she may start a process
it starts, or is a manager; another system sends any with an API token marked for
integration (made by administrators and the external-workers group); checking a diagram
needs the process-owner role like deploying."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from api.models import ApiToken
from engine.models import Message, ProcessInstance
from tests.factories import make_user, order_bundle

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


def _with_key(key: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.default_format = "json"
    return client


def _token(user, **body):
    client = APIClient()
    client.force_authenticate(user)
    return client.post("/api/auth/tokens/", {"name": "Web shop", **body}, format="json")


def test_a_token_for_integration_sends_any_message_and_signal(team):
    shop = make_user("shop", "external-workers")
    plain = _with_key(_token(shop).json()["key"])
    assert (
        plain.post("/api/messages/", {"name": "stock_arrived", "ttl_seconds": 60}).status_code
        == 403
    )
    assert plain.post("/api/signals/", {"name": "price_changed"}).status_code == 403

    made = _token(shop, for_integration=True)
    assert made.status_code == 201 and made.json()["for_integration"] is True
    system = _with_key(made.json()["key"])
    sent = system.post(
        "/api/messages/", {"name": "stock_arrived", "correlation_key": "SO-1", "ttl_seconds": 60}
    )
    assert sent.status_code == 200 and sent.json()["buffered"] is True
    assert Message.objects.filter(name="stock_arrived").count() == 1
    assert system.post("/api/signals/", {"name": "price_changed"}).status_code == 200

    browser = Client()
    browser.force_login(shop)
    profile = browser.get("/profile/").content.decode()
    assert "For integration" in profile and 'name="for_integration"' in profile
    assert ApiToken.objects.filter(user=shop, for_integration=True).count() == 1


def test_bob_cannot_make_a_token_for_integration(team):

    bob = team.bob.user
    answer = _token(bob, for_integration=True)
    assert answer.status_code == 400 and "for_integration" in answer.json()["errors"]
    assert not ApiToken.objects.filter(user=bob).exists()
    browser = Client()
    browser.force_login(bob)
    assert 'name="for_integration"' not in browser.get("/profile/").content.decode()
    made = browser.post(
        "/profile/", {"section": "token-new", "name": "Mine", "for_integration": "1"}
    )
    assert "external-workers" in made.content.decode()
    assert not ApiToken.objects.filter(user=bob).exists()
