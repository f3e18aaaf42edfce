"""The instance page's "Change a variable" form (managers)."""

import pytest
from django.utils import translation

from engine.models import HumanTask
from engine.services.tasks import task_complete
from web.views.variables import BadValue, typed_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(users, order):
    task = HumanTask.objects.get(instance=order, element_id="enter_order")
    data = {"customer": "Acme", "quantity": 50, "price": 30}
    task_complete(task_id=task.pk, user=users["alice"], data=data)
    return order


def test_typed_values():
    with translation.override("fr"):
        assert typed_value("number", " 1 234,5 ") == 1234.5
        assert typed_value("number", "1\u202f234,5") == 1234.5
    with translation.override("ru"):
        assert typed_value("number", "1 234,5") == 1234.5
    with translation.override("en"):
        # A comma groups thousands in English: "1,234.5" is 1234.5, "1,5" no number at all.
        assert typed_value("number", "1,234.5") == 1234.5
        with pytest.raises(BadValue):
            typed_value("number", "1,5")
    assert typed_value("number", "12.5") == 12.5  # plain digits read the same everywhere
    assert typed_value("number", "7") == 7
    assert typed_value("boolean", "Yes") is True and typed_value("boolean", "no") is False
    assert typed_value("json", '[1, {"a": 2}]') == [1, {"a": 2}]
    assert typed_value("text", " Acme ") == "Acme"
    assert typed_value("remove", "whatever") is None
    for kind, raw in (("number", "many"), ("number", "NaN"), ("boolean", "maybe"), ("json", "{")):
        with pytest.raises(BadValue):
            typed_value(kind, raw)


def test_erin_changes_a_quantity_and_reads_it_in_the_history(login, users, waiting):
    client = login(users["erin"])
    page = client.get(f"/monitor/instances/{waiting.pk}/").content.decode()
    assert "Change a variable" in page
    response = client.post(
        f"/monitor/instances/{waiting.pk}/variables/",
        {"name": "quantity", "kind": "number", "value": "5"},
        follow=True,
    )
    html = response.content.decode()
    assert "The variable “quantity” is changed." in html
    assert "Variables changed" in html and "50" in html and "→" in html
    waiting.refresh_from_db()
    assert waiting.variables["quantity"] == 5


def test_a_wrong_value_is_refused_with_its_reason_and_nothing_changes(login, users, waiting):
    client = login(users["erin"])
    waiting.refresh_from_db()
    before = dict(waiting.variables)
    assert before["quantity"] == 50
    response = client.post(
        f"/monitor/instances/{waiting.pk}/variables/",
        {"name": "quantity", "kind": "text", "value": "many"},
        follow=True,
    )
    html = response.content.decode()
    assert "quantity:" in html and "whole number" in html
    response = client.post(
        f"/monitor/instances/{waiting.pk}/variables/",
        {"name": "quantity", "kind": "number", "value": "many"},
        follow=True,
    )
    assert "is not a number" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.variables == before


def test_others_may_not(login, users, waiting):
    response = login(users["alice"]).post(
        f"/monitor/instances/{waiting.pk}/variables/", {"name": "x", "kind": "text", "value": "1"}
    )
    assert response.status_code == 403
