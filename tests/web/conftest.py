import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from tests.factories import FIXTURES, deploy_fixture, make_user


@pytest.fixture(autouse=True)
def _fixture_forms(settings):
    # The fixture diagrams deployed here find their forms next to them (tests/fixtures/),
    # not among the product's forms.
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": FIXTURES}


@pytest.fixture
def users(db):
    return {
        "alice": make_user("alice", "sales"),
        "bob": make_user("bob", "warehouse"),
        "erin": make_user("erin", "managers"),
        "olga": make_user("olga", "process-owners"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def order(users):
    """The order-approval process (with its forms) and one instance waiting at "Enter order"."""
    deploy_fixture()
    instance = instance_start(
        definition_key="order_approval", business_key="SO-1", user=users["alice"]
    )
    return instance


@pytest.fixture
def order_task(order) -> HumanTask:
    return HumanTask.objects.get(instance=order, element_id="enter_order")


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
