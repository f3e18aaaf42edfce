"""Login throttling: ten failed sign-ins for one account from one address lock that pair out
for a while (429 with the reason), on the login page and for API tokens alike."""

import pytest
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "right-password"


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 10
    return make_user("alice", "sales", password=PASSWORD)


def sign_in(client, password: str, address: str = "10.0.0.1"):
    data = {"username": "alice", "password": password}
    return client.post("/login/", data, REMOTE_ADDR=address)


def test_ten_failures_lock_the_account_from_that_address_with_a_clear_message(throttled):
    client = Client()
    for _ in range(9):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    # Even the right password is refused while the lockout lasts, with the reason and the wait.
    again = sign_in(client, PASSWORD)
    assert again.status_code == 429
    html = again.content.decode()
    assert "Too many failed sign-ins" in html
    assert "15 minutes" in html
    assert again["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # From another address the person still signs in.
    other = Client()
    assert sign_in(other, PASSWORD, address="10.0.0.2").status_code == 302


def test_a_success_before_the_limit_clears_the_count(throttled):
    client = Client()
    for _ in range(9):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.post("/logout/")
    for _ in range(9):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_token_endpoint_is_throttled_the_same_way(throttled):
    client = Client()
    body = {"username": "alice", "password": "wrong"}
    answers = [
        client.post("/api/auth/token/", body, REMOTE_ADDR="10.0.0.9").status_code for _ in range(11)
    ]
    assert answers[:9] == [400] * 9
    assert answers[-1] == 429
    locked = client.post(
        "/api/auth/token/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.json()["detail"]
