from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from tests.factories import make_user


@pytest.fixture
def people(db):
    """Users of each kind the business API tells apart."""
    return SimpleNamespace(
        alice=make_user("alice", "sales"),
        bob=make_user("bob", "warehouse"),
        olga=make_user("olga", "process-owners"),
        erin=make_user("erin", "managers"),
        carol=make_user("carol", "production"),
        staff=make_user("stan", is_staff=True),
    )


@pytest.fixture
def api(db):
    """api(user) -> an APIClient signed in as that user; api() -> anonymous."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        client.default_format = "json"  # as the web client and the processes send it
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for
