"""A funnel stage sent without an `order` goes after the last one (it answered 500)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_stage_without_order_goes_last(api, people):
    alice = api(people.alice)
    first = alice.post("/api/funnel-stages/", {"name": "Lead"})
    assert first.status_code == 201, first.content
    second = alice.post("/api/funnel-stages/", {"name": "Offer", "order": 7})
    assert second.json()["order"] == 7
    third = alice.post("/api/funnel-stages/", {"name": "Won"})
    assert third.status_code == 201
    assert third.json()["order"] == 8
    assert [s["name"] for s in alice.get("/api/funnel-stages/").json()] == ["Lead", "Offer", "Won"]
