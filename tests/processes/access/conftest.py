"""What the rights tests share: an administrator."""

import pytest

from tests.factories import make_user


@pytest.fixture
def admin(db):
    return make_user("root", is_staff=True)
