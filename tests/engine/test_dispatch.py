"""Advance requests go out after commit, once per instance and transaction."""

import pytest
from django.db import transaction

from engine.dispatch import request_advance, set_dispatcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    requests: list[int] = []
    set_dispatcher(requests.append)
    yield requests
    set_dispatcher(None)


def test_one_request_per_instance_and_transaction(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request_advance(1)
        request_advance(1)
        request_advance(2)
        assert sent == []  # nothing before the commit
    assert sent == [1, 2]


def test_a_request_rolled_back_with_its_savepoint_can_be_made_again(
    sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            request_advance(3)
            raise RuntimeError("step failed")
        request_advance(3)
    assert sent == [3]
