"""The audit log: who changed a business record, a right or an account, what and when."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import make_user
from tests.processes.factories import make_product

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def audit(client, target: str):
    answer = client.get("/api/audit/", {"target": target})
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def test_a_price_change_records_old_and_new_value_who_and_when_shown_on_the_page(people):
    desk = make_product("OAK-DESK", name="Oak desk", list_price=Decimal("120.00"))
    erin = signed_in(people.erin)
    changed = erin.patch(
        f"/api/products/{desk.pk}/", {"list_price": "130.00"}, content_type="application/json"
    )
    assert changed.status_code == 200, changed.content

    newest = audit(erin, f"product:{desk.pk}")[0]
    assert newest["username"] == people.erin.username
    assert newest["action"] == "changed"
    assert newest["record"] == str(desk)
    assert {"field": "list price", "old": "120.00", "new": "130.00"} in newest["changes"]
    assert newest["at"]

    page = erin.get("/audit/", {"target": f"product:{desk.pk}"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "List price</span>: 120.00 → 130.00" in html
    assert people.erin.username in html
    assert "Oak desk" in html


def test_a_change_through_an_api_token_names_the_tokens_person(people):
    desk = make_product("LAMP", name="Lamp", list_price=Decimal("10.00"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people.olga).key}")
    assert client.patch(f"/api/products/{desk.pk}/", {"name": "LED lamp"}).status_code == 200
    newest = audit(signed_in(people.erin), f"product:{desk.pk}")[0]
    assert newest["username"] == "olga"
    assert {"field": "name", "old": "Lamp", "new": "LED lamp"} in newest["changes"]


def test_rights_and_group_memberships_are_recorded_with_who_made_them(people):
    admin = make_user("root", is_staff=True, first_name="Ada", last_name="Root")
    sales = Group.objects.get(name="sales")
    saved = signed_in(admin).post("/rights/", {"group": sales.pk, "customers": ["read"]})
    assert saved.status_code == 302
    from processes.access.models import GroupRights

    row = GroupRights.objects.get(group=sales)
    entry = audit(signed_in(admin), f"grouprights:{row.pk}")[0]
    assert entry["actor"] == "Ada Root"
    assert entry["action"] == "created"

    people.bob.groups.add(sales)
    entry = audit(signed_in(admin), f"user:{people.bob.pk}")[0]
    assert entry["changes"][0]["old"] == "added"
    assert entry["changes"][0]["new"] == "sales"


def test_only_managers_and_administrators_read_the_log_and_nobody_writes_it(people):
    for user in (people.alice, people.bob, people.olga):
        refused = signed_in(user).get("/api/audit/")
        assert refused.status_code == 403
        assert "audit log" in refused.json()["detail"]
        assert signed_in(user).get("/audit/").status_code == 403
    erin = signed_in(people.erin)
    assert erin.post("/api/audit/", {}).status_code == 405
    assert erin.delete("/api/audit/").status_code == 405


@pytest.mark.parametrize(
    ("target", "named"),
    [
        ("unicorn:1", "unicorn"),
        ("product", "product"),
        ("product:abc", "product:abc"),
        ("product:99999999999999999999999", "product:9999"),
    ],
)
def test_a_target_that_names_no_record_is_a_400_naming_it(people, target, named):
    erin = signed_in(people.erin)
    answer = erin.get("/api/audit/", {"target": target})
    assert answer.status_code == 400
    assert named in str(answer.json()["errors"]["target"])
    page = erin.get("/audit/", {"target": target})
    assert page.status_code == 400
    assert named in page.content.decode()


def test_the_page_has_an_empty_state_and_the_menu_links_it(people):
    html = signed_in(people.erin).get("/audit/", {"actor": "nobody"}).content.decode()
    assert "No change recorded for this search" in html
    assert 'href="/audit/"' in html
    assert 'href="/audit/"' not in signed_in(people.alice).get("/inbox/").content.decode()


def test_a_customers_page_links_its_history_for_those_who_read_the_log(people):
    from tests.processes.factories import make_customer

    party = make_customer("Acme")
    link = f'href="/audit/?target=party:{party.pk}"'
    assert link in signed_in(people.erin).get(f"/customers/{party.pk}/").content.decode()
    assert link not in signed_in(people.alice).get(f"/customers/{party.pk}/").content.decode()
    history = signed_in(people.erin).get("/audit/", {"target": f"party:{party.pk}"})
    assert "Acme" in history.content.decode()
