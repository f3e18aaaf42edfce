"""A group set to "own records only": a salesperson sees the customers she looks after and
their deals (and the deals she owns) on lists, search, the board, exports, the API's lists
and details, and nothing of a colleague's; the shipped default and managers see all."""

import csv
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from processes.access.models import GroupRights
from processes.crm import services as crm
from processes.crm.models import Deal
from tests.factories import make_user
from tests.processes.access.sessions import signed_in as page
from tests.processes.factories import make_customer, make_funnel, make_supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(people):
    sam = make_user("sam", "sales")
    funnel = make_funnel()
    acme = make_customer("Acme Tools", owner=people.alice)
    bolt = make_customer("Bolt Supplies", owner=sam)
    wood = make_supplier("Oak & Co")
    desks = crm.deal_create(party=acme, title="Ten desks", amount=Decimal("1200.00"),
                            stage=funnel["Lead"], owner=sam)  # fmt: skip
    chairs = crm.deal_create(party=bolt, title="Two chairs", amount=Decimal("300.00"),
                             stage=funnel["Lead"], owner=sam)  # fmt: skip
    lamps = crm.deal_create(party=bolt, title="Six lamps", amount=Decimal("90.00"),
                            stage=funnel["Lead"], owner=people.alice)  # fmt: skip
    return {"acme": acme, "bolt": bolt, "wood": wood, "desks": desks, "chairs": chairs,
            "lamps": lamps, "funnel": funnel, "sam": sam}  # fmt: skip


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # as each request reads the person afresh


def names(rows, field="name") -> set[str]:
    return {row[field] for row in rows}


def csv_column(answer) -> set[str]:
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    return {row[0] for row in rows[1:]}


def own_only(api, admin, group: str, own) -> object:
    rights = {row["group"]: row for row in api(admin).get("/api/rights/").json()}[group]
    return api(admin).put(f"/api/rights/{group}/", {"rights": rights["rights"], "own": own})


def test_by_default_a_salesperson_sees_every_customer_and_deal(people, api, book):
    alice = people.alice
    assert names(api(alice).get("/api/parties/").json()["results"]) == {
        "Acme Tools", "Bolt Supplies", "Oak & Co"}  # fmt: skip
    listing = page(alice).get("/customers/").content.decode()
    assert "Acme Tools" in listing and "Bolt Supplies" in listing
    assert csv_column(page(alice).get("/deals/?format=csv")) == {
        "Ten desks", "Two chairs", "Six lamps"}  # fmt: skip
    assert api(alice).get("/api/rights/").status_code == 403


def test_own_customers_only(admin, people, api, book):
    answer = own_only(api, admin, "sales", ["customers", "deals"])
    assert answer.status_code == 200 and answer.json()["own"] == ["customers", "deals"]
    alice = fresh(people.alice)
    acme, bolt = book["acme"], book["bolt"]

    # Customers: the list, a detail, the export, the API's list and detail, search.
    listing = page(alice).get("/customers/").content.decode()
    assert "Acme Tools" in listing and "Oak &amp; Co" in listing  # a supplier is no one's
    assert "Bolt Supplies" not in listing
    assert page(alice).get(f"/customers/{acme.pk}/").status_code == 200
    assert page(alice).get(f"/customers/{bolt.pk}/").status_code == 404
    assert csv_column(page(alice).get("/customers/?format=csv")) == {"Acme Tools", "Oak & Co"}
    parties = api(alice).get("/api/parties/").json()["results"]
    assert names(parties) == {"Acme Tools", "Oak & Co"}
    assert api(alice).get(f"/api/parties/{acme.pk}/").status_code == 200
    assert api(alice).get(f"/api/parties/{bolt.pk}/").status_code == 404
    found = page(alice).get("/search/?q=Supplies").content.decode()
    assert "Bolt Supplies" not in found

    # Deals: the board, the list, the export, the API's list and detail, a move.
    board = page(alice).get("/deals/").content.decode()
    assert "Ten desks" in board and "Six lamps" in board  # her customer's; hers
    assert "Two chairs" not in board
    assert "Two chairs" not in page(alice).get("/deals/?view=list").content.decode()
    assert csv_column(page(alice).get("/deals/?format=csv")) == {"Ten desks", "Six lamps"}
    deals = api(alice).get("/api/deals/").json()["results"]
    assert names(deals, "title") == {"Ten desks", "Six lamps"}
    chairs = book["chairs"]
    assert api(alice).get(f"/api/deals/{chairs.pk}/").status_code == 404
    won = book["funnel"]["Won"]
    moved = page(alice).post(f"/deals/{chairs.pk}/move/", {"stage": won.pk})
    assert moved.status_code == 404
    chairs.refresh_from_db()
    assert chairs.stage.name == "Lead"
    body = {"party": bolt.pk, "title": "Sneaky", "amount": "1.00",
            "stage": book["funnel"]["Lead"].pk}  # fmt: skip
    refused = api(alice).post("/api/deals/", body)
    assert refused.status_code == 400 and "party" in refused.json()["errors"]
    assert not Deal.objects.filter(title="Sneaky").exists()

    # Her colleague sees his; managers see all.
    sam = book["sam"]
    assert names(api(sam).get("/api/parties/").json()["results"]) == {"Bolt Supplies", "Oak & Co"}
    erin = people.erin
    assert len(api(erin).get("/api/deals/").json()["results"]) == 3
    assert page(erin).get(f"/customers/{bolt.pk}/").status_code == 200


def test_a_group_that_sees_all_wins(admin, people, api, book):
    own_only(api, admin, "sales", ["customers"])
    alice = fresh(people.alice)
    alice.groups.add(people.erin.groups.get())  # also a manager
    alice = fresh(alice)
    assert api(alice).get(f"/api/parties/{book['bolt'].pk}/").status_code == 200


def test_a_wrong_kind_is_refused_by_name_and_nothing_changes(admin, people, api, book):
    before = api(admin).get("/api/rights/").json()
    answer = own_only(api, admin, "sales", ["customers", "invoices"])
    assert answer.status_code == 400 and "invoices" in str(answer.json())
    answer = own_only(api, admin, "sales", "customers")
    assert answer.status_code == 400 and "list of kinds" in str(answer.json())
    assert api(admin).get("/api/rights/").json() == before
    assert not GroupRights.objects.exists()
    assert page(people.alice).get(f"/customers/{book['bolt'].pk}/").status_code == 200


def test_the_rights_page_sets_it_and_the_audit_log_names_who(admin, people, api, book):
    sales = people.alice.groups.get()
    shown = page(admin).get("/rights/").content.decode()
    assert "Whose customers and deals its members see" in shown
    form = {"group": sales.pk, "customers": ["read", "write"], "deals": ["read", "write"],
            "own_shown": "1", "own": ["customers"]}  # fmt: skip
    saved = page(admin).post("/rights/", form, follow=True)
    assert "The rights of sales are saved." in saved.content.decode()
    assert GroupRights.objects.get(group=sales).own == ["customers"]
    entry = LogEntry.objects.get_for_model(GroupRights).get()
    assert entry.actor == admin and "own" in entry.changes_dict
    alice = fresh(people.alice)
    assert page(alice).get(f"/customers/{book['bolt'].pk}/").status_code == 404
    assert len(api(alice).get("/api/deals/").json()["results"]) == 3  # deals: still all
    form["own"] = ["deals"]  # her deals only, every customer
    page(admin).post("/rights/", form)
    bolt = page(fresh(alice)).get(f"/customers/{book['bolt'].pk}/").content.decode()
    assert "Six lamps" in bolt and "Two chairs" not in bolt  # on the customer's page too
    page(admin).post("/rights/", {**form, "own": []})
    assert page(fresh(alice)).get(f"/customers/{book['bolt'].pk}/").status_code == 200
