"""An administrator sets a group's rights on the rights page or through the API."""

import pytest

from processes.access.models import GroupRights
from tests.processes.access.sessions import signed_in as page

pytestmark = pytest.mark.django_db


def sales_rights_without_invoices() -> dict[str, list[str]]:
    from processes.access.rights import DEFAULT_RIGHTS

    rights = {kind: sorted(actions) for kind, actions in DEFAULT_RIGHTS["sales"].items()}
    del rights["invoices"]
    return rights


def test_an_admin_removes_read_invoices_from_sales_and_alice_is_refused_at_once(
    admin, people, api
):  # fmt: skip
    assert page(people.alice).get("/api/invoices/").status_code == 200
    rights_page = page(admin).get("/rights/")
    assert rights_page.status_code == 200
    assert "Rights of the groups" in rights_page.content.decode()
    group = people.alice.groups.get()

    form = {"group": group.pk, **sales_rights_without_invoices()}
    saved = page(admin).post("/rights/", form, follow=True)
    assert "The rights of sales are saved." in saved.content.decode()

    refused = page(people.alice).get("/api/invoices/")
    assert refused.status_code == 403
    assert "read invoices" in refused.json()["detail"]
    assert page(people.alice).get("/api/quotations/").status_code == 200
    assert page(people.erin).get("/api/invoices/").status_code == 200  # managers keep theirs
    listed = {row["group"]: row for row in api(admin).get("/api/rights/").json()}
    assert "invoices" not in listed["sales"]["rights"]
    assert listed["sales"]["shipped"] is False
    assert listed["managers"]["shipped"] is True


def test_the_api_sets_rights_and_refuses_unknown_kinds_and_actions(admin, people, api):
    body = {"rights": {"invoices": ["read"], "stock": ["read", "write"]}}
    answer = api(admin).put("/api/rights/warehouse/", body)
    assert answer.status_code == 200
    assert answer.json()["rights"] == {"invoices": ["read"], "stock": ["read", "write"]}
    assert page(people.bob).get("/api/invoices/").status_code == 200
    assert page(people.bob).get("/api/shipments/").status_code == 403

    for wrong, named in (
        ({"unicorns": ["read"]}, "unicorns"),
        ({"stock": ["approve"]}, "approve"),
        ({"stock": "read"}, "list"),
        ("all", "map"),
    ):
        refused = api(admin).put("/api/rights/warehouse/", {"rights": wrong})
        assert refused.status_code == 400, wrong
        assert named in str(refused.json()["errors"]), wrong
    assert GroupRights.objects.get(group__name="warehouse").rights == body["rights"]
    assert api(admin).put("/api/rights/nobody/", body).status_code == 404


def test_only_an_administrator_sees_or_sets_rights(people, api):
    for user in (people.alice, people.erin, people.olga):
        listed = api(user).get("/api/rights/")
        assert listed.status_code == 403
        assert "administrator" in listed.json()["detail"]
        assert api(user).put("/api/rights/sales/", {"rights": {}}).status_code == 403
        assert page(user).get("/rights/").status_code == 403
    assert not GroupRights.objects.exists()


def test_the_page_shows_the_shipped_rights_and_the_menu_links_it(admin, people):
    html = page(admin).get("/rights/").content.decode()
    assert "The rights HyperCRM ships with" in html
    assert 'href="/rights/"' in html
    assert 'href="/rights/"' not in page(people.erin).get("/inbox/").content.decode()
