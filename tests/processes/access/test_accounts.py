"""Accounts an administrator manages (processes.access.accounts), through the API."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from rest_framework.test import APIClient

from api.tokens import token_create, tokens_of
from tests.factories import make_user


@pytest.fixture
def admin(db):
    return make_user("admin", is_superuser=True, is_staff=True)


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_administrator_invites_changes_and_deactivates_an_account(
    admin, django_capture_on_commit_callbacks
):
    make_user("bob", "warehouse")
    client = _client(admin)
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            "/api/users/",
            {"username": "dana", "email": "dana@example.com", "groups": ["warehouse"]},
            format="json",
        )
    assert made.status_code == 201, made.content
    assert made.json()["groups"] == ["warehouse"] and made.json()["is_active"]
    dana = get_user_model().objects.get(username="dana")
    assert not dana.has_usable_password()
    assert len(mail.outbox) == 1 and "/password/set/" in mail.outbox[0].body

    _token, key = token_create(user=dana, name="laptop")
    off = client.patch(f"/api/users/{dana.pk}/", {"is_active": False}, format="json")
    assert off.status_code == 200 and off.json()["is_active"] is False
    assert tokens_of(dana) == []
    answer = APIClient().get("/api/tasks/", HTTP_AUTHORIZATION=f"Token {key}")
    assert answer.status_code == 401


def test_bad_account_changes_are_refused_and_change_nothing(admin):
    bob = make_user("bob", "warehouse")
    client = _client(admin)
    taken = client.post("/api/users/", {"username": "BOB", "email": "b@example.com"}, format="json")
    assert taken.status_code == 400 and "is taken" in str(taken.json())
    nogroup = client.patch(f"/api/users/{bob.pk}/", {"groups": ["pirates"]}, format="json")
    assert nogroup.status_code == 400 and "There is no group “pirates”." in str(nogroup.json())
    myself = client.patch(f"/api/users/{admin.pk}/", {"is_active": False}, format="json")
    assert myself.status_code == 400 and "your own account" in str(myself.json())
    nomail = client.post(f"/api/users/{bob.pk}/password-reset/")
    assert nomail.status_code == 400 and "has no e-mail address" in str(nomail.json())
    bob.refresh_from_db()
    assert list(bob.groups.values_list("name", flat=True)) == ["warehouse"]
    assert get_user_model().objects.count() == 2 and admin.is_active and not mail.outbox


def test_only_administrators_manage_accounts(admin):
    erin = make_user("erin", "managers")
    refused = _client(erin).post("/api/users/", {"username": "x", "email": "x@example.com"})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only an administrator manages accounts."
    assert _client(erin).get("/api/users/").status_code == 403
    assert not get_user_model().objects.filter(username="x").exists()
