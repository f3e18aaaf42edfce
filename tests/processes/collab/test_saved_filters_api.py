"""Saved filters over the API: mine and my group's, with what they count now."""

import pytest

from engine.services.instances import instance_start
from processes.collab.models import SavedFilter
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(people):
    deploy_fixture()
    for key in ("SO-1", "SO-2"):
        instance_start(definition_key="order_approval", business_key=key, user=people.alice)


def test_alice_saves_and_shares_an_inbox_filter_with_counts(api, people, orders):
    sam = make_user("sam", "sales")
    answer = api(people.alice).post(
        "/api/filters/",
        {
            "name": "Orders to take",
            "view": "inbox",
            "query": {"scope": "candidate", "definition": "order_approval"},
            "group": "Sales",
        },
    )
    assert answer.status_code == 201, answer.content
    saved = answer.json()
    assert saved["count"] == 2 and saved["group"] == "sales" and saved["owner"] == "alice"
    [shared] = api(sam).get("/api/filters/", {"view": "inbox"}).json()
    assert shared["name"] == "Orders to take" and shared["count"] == 2
    assert api(people.bob).get("/api/filters/").json() == []  # warehouse: not shared with
    assert api(sam).delete(f"/api/filters/{saved['id']}/").status_code == 403
    assert api(people.bob).delete(f"/api/filters/{saved['id']}/").status_code == 404
    assert api(people.alice).delete(f"/api/filters/{saved['id']}/").status_code == 204
    assert not SavedFilter.objects.exists()


def test_a_monitor_filter_counts_what_the_manager_sees(api, people, orders):
    answer = api(people.erin).post(
        "/api/filters/",
        {"name": "Running orders", "view": "monitor", "query": {"status": "running"}},
    )
    assert answer.status_code == 201 and answer.json()["count"] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "view": "inbox"}, "name"),
        ({"name": "x", "view": "calendar"}, "view"),
        ({"name": "x", "view": "inbox", "query": {"scope": "everything"}}, "query.scope"),
        ({"name": "x", "view": "inbox", "query": {"colour": "red"}}, "query"),
        ({"name": "x", "view": "inbox", "group": "managers"}, "group"),
    ],
)
def test_bad_filters_are_400_naming_the_field_and_store_nothing(api, people, body, field):
    answer = api(people.alice).post("/api/filters/", body)
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["errors"]
    assert not SavedFilter.objects.exists()


def test_the_same_name_twice_is_a_conflict(api, people):
    body = {"name": "Mine", "view": "inbox", "query": {"scope": "mine"}}
    assert api(people.alice).post("/api/filters/", body).status_code == 201
    again = api(people.alice).post("/api/filters/", body)
    assert again.status_code == 409 and "Mine" in again.json()["detail"]
    assert SavedFilter.objects.count() == 1
