"""API tokens per person: named, listed, revocable, optionally expiring; a fresh one per
sign-in; made and revoked from the profile page too."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken

pytestmark = pytest.mark.django_db


def with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def sign_in(username: str = "alice") -> str:
    answer = APIClient().post(
        "/api/auth/token/", {"username": username, "password": "pw-for-tests"}, format="json"
    )
    assert answer.status_code == 200
    return answer.json()["token"]


def test_each_sign_in_makes_a_fresh_expiring_token_listed_and_revocable(people):
    first, second = sign_in(), sign_in()
    assert first != second
    alice = with_key(second)
    listed = alice.get("/api/auth/tokens/").json()
    assert len(listed) == 2
    assert all(row["name"] == "API sign-in" and row["expires_at"] for row in listed)
    assert "key" not in listed[0] and not ApiToken.objects.filter(digest=first).exists()

    old = next(row for row in listed if second.startswith(row["prefix"]) is False)
    assert alice.delete(f"/api/auth/tokens/{old['id']}/").status_code == 204
    assert with_key(first).get("/api/tasks/").status_code == 401
    assert alice.get("/api/tasks/").status_code == 200


def test_a_named_token_expires_and_nobody_revokes_anothers(people):
    alice = with_key(sign_in())
    made = alice.post("/api/auth/tokens/", {"name": "Export", "expires_in_days": 7}, format="json")
    assert made.status_code == 201
    key = made.json()["key"]
    assert with_key(key).get("/api/tasks/").status_code == 200
    bob = with_key(sign_in("bob"))
    assert bob.delete(f"/api/auth/tokens/{made.json()['id']}/").status_code == 404
    assert with_key(key).get("/api/tasks/").status_code == 200

    ApiToken.objects.filter(name="Export").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert with_key(key).get("/api/tasks/").status_code == 401
    names = [row["name"] for row in alice.get("/api/auth/tokens/").json()]
    assert "Export" not in names


@pytest.mark.parametrize(
    ("body", "field"),
    [({"name": ""}, "name"), ({"name": "x", "expires_in_days": 0}, "expires_in_days"),
     ({"name": "x", "expires_in_days": 99999}, "expires_in_days"), ({}, "name")],
)  # fmt: skip
def test_a_bad_token_request_is_a_400_naming_the_field(people, body, field):
    alice = with_key(sign_in())
    before = ApiToken.objects.count()
    answer = alice.post("/api/auth/tokens/", body, format="json")
    assert answer.status_code == 400
    assert field in answer.json()["errors"]
    assert ApiToken.objects.count() == before


def test_the_profile_makes_shows_once_and_revokes_a_token(people):
    page = Client()
    page.force_login(people.alice)
    made = page.post("/profile/", {"section": "token-new", "name": "Accounting export"})
    html = made.content.decode()
    assert made.status_code == 200
    assert "copy it now" in html
    token = ApiToken.objects.get(name="Accounting export")
    key = html.split("<code>")[1].split("</code>")[0]
    assert with_key(key).get("/api/tasks/").status_code == 200
    again = page.get("/profile/").content.decode()
    assert "Accounting export" in again and key not in again

    revoked = page.post("/profile/", {"section": "token-revoke", "token": token.pk}, follow=True)
    assert "is revoked" in revoked.content.decode()
    assert with_key(key).get("/api/tasks/").status_code == 401
    refused = page.post("/profile/", {"section": "token-new", "name": ""})
    assert refused.status_code == 400
    assert "Name the token" in refused.content.decode()
