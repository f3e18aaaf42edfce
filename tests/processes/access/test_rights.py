"""The permission module's answers, and the API asking it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from processes import access
from processes.access.rights import DEFAULT_RIGHTS, KINDS
from tests.factories import make_user


@pytest.mark.django_db
def test_each_group_reads_its_work_and_not_the_money_it_need_not_see(people):
    assert access.may(people.alice, "read", "invoices")
    assert access.may(people.alice, "write", "orders")
    assert not access.may(people.bob, "read", "invoices")
    assert not access.may(people.bob, "read", "payments")
    assert access.may(people.bob, "write", "stock")
    assert not access.may(people.bob, "write", "orders")
    assert access.may(people.erin, "read", "reports")
    assert not access.may(people.alice, "read", "reports")
    assert access.may(people.erin, "approve", "purchases")
    assert not access.may(people.erin, "write", "purchases")
    assert access.may(people.staff, "write", "invoices")


@pytest.mark.django_db
def test_nobody_outside_a_group_and_no_visitor_may_anything():
    loner = make_user("lone")
    assert access.readable_kinds(loner) == frozenset()
    assert not access.may(AnonymousUser(), "read", "customers")


def test_the_rights_name_only_known_kinds_and_actions():
    for rights in DEFAULT_RIGHTS.values():
        assert set(rights) <= set(KINDS)
        assert all(actions <= {"read", "write", "approve"} for actions in rights.values())
    with pytest.raises(ValueError):
        access.may(None, "read", "unicorns")


@pytest.mark.django_db
def test_require_names_the_missing_right(people):
    with pytest.raises(access.Refusal, match="read invoices"):
        access.require(people.bob, "read", "invoices")


@pytest.mark.django_db
def test_the_api_answers_403_with_the_reason(api, people):
    refused = api(people.bob).get("/api/invoices/")
    assert refused.status_code == 403
    assert "invoices" in refused.json()["detail"]
    assert api(people.alice).get("/api/invoices/").status_code == 200
    assert api(people.bob).get("/api/stock-moves/").status_code == 200
    # Approving a purchase is the managers' right, not the writers'.
    assert api(people.alice).post("/api/purchase-orders/1/approve/").status_code == 403
