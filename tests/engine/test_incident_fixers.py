"""An incident names who can fix it: the groups that retry and change the data, and the
person who started the case when they are not a manager (they may retry it too)."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from engine.services.permissions import incident_fixers
from tests.factories import make_user


@pytest.mark.django_db
def test_the_groups_by_name_and_the_starter_who_may_retry():
    alice = make_user("alice", "sales", first_name="Alice", last_name="Martin")
    erin = make_user("erin", "managers")
    text = incident_fixers(SimpleNamespace(started_by=alice))
    assert text.startswith("Who can fix it: the “managers” group retries the step")
    assert "the “process-owners” group may change them too" in text
    assert text.endswith("Alice Martin, who started the case, may retry it as well.")
    assert "started the case" not in incident_fixers(SimpleNamespace(started_by=erin))
    assert "started the case" not in incident_fixers(SimpleNamespace(started_by=None))
    with translation.override("ru"):
        text = incident_fixers(SimpleNamespace(started_by=alice))
    assert text.startswith("Кто может исправить: группа «managers»")
    assert "Alice Martin: этот пользователь начал дело" in text
