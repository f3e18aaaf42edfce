from types import SimpleNamespace

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import FIXTURES, deploy_fixture, make_user


@pytest.fixture(autouse=True)
def _fixture_forms(settings):
    # The fixture diagrams deployed here find their forms next to them (tests/fixtures/),
    # not among the product's forms.
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": FIXTURES}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The production hasher costs a second per test user; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    """The demo company's cast, as API.md names them."""
    return SimpleNamespace(
        olga=make_user("olga", "process-owners"),
        alice=make_user("alice", "sales"),
        bob=make_user("bob", "warehouse"),
        erin=make_user("erin", "managers"),
        admin=make_user("admin", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def api(db):
    """api(user) -> an APIClient sending that user's token; api() -> anonymous."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


@pytest.fixture
def order_definition(db):
    return deploy_fixture()[0]
