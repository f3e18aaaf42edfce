import pytest

from tests.factories import make_user


@pytest.fixture
def runner(db):
    """Who starts the engine tests' instances: a superuser, so no right stands in the way."""
    return make_user("runner", is_superuser=True)
