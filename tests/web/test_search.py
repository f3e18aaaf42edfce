"""The search page: customers, contacts, documents by number, products; only what one may read."""

from decimal import Decimal

from processes.crm import services as crm
from processes.sales.services.orders import order_create
from tests.processes.factories import make_customer, make_product


def found(response) -> dict[str, list[str]]:
    return {kind: [str(row) for row in rows] for kind, rows in response.context["found"].items()}


def test_search_finds_each_kind_as_a_link(login, users):
    acme = make_customer("Acme Tools")
    crm.contact_create(party=acme, name="Jane Roe")
    drill = make_product("DRL-100", name="Cordless drill")
    order = order_create(party=acme, lines=[{"product": drill, "quantity": Decimal("1")}])
    client = login(users["alice"])
    assert found(client.get("/search/", {"q": "acme"})) == {"customers": ["Acme Tools"]}
    assert found(client.get("/search/", {"q": "jane"}))["contacts"] == ["Jane Roe (Acme Tools)"]
    assert found(client.get("/search/", {"q": order.number[:4]}))["orders"] == [order.number]
    assert found(client.get("/search/", {"q": "drl-1"}))["products"] == [str(drill)]
    assert found(client.get("/search/", {"q": "cordless"}))["products"] == [str(drill)]
    html = client.get("/search/", {"q": "acme"}).content.decode()
    assert f'href="/customers/{acme.pk}/"' in html
    assert (
        f'href="/orders/{order.pk}/"'
        in client.get("/search/", {"q": order.number}).content.decode()
    )
    assert f'href="/products/{drill.pk}/"' in client.get("/search/", {"q": "drl"}).content.decode()
    nothing = client.get("/search/", {"q": "zzzz-nothing"})
    assert nothing.context["found"] == {} and "Nothing found" in nothing.content.decode()
    assert "Type part of" in client.get("/search/").content.decode()


def test_search_leaves_out_what_the_person_may_not_read(login, users):
    from processes.sales.models import Invoice

    acme = make_customer("Acme Tools")
    order = order_create(
        party=acme, lines=[{"product": make_product("X-1"), "quantity": Decimal("1")}]
    )
    Invoice.objects.create(order=order, total=Decimal("10"), due_date="2026-12-31", number="INV-X1")
    assert found(login(users["alice"]).get("/search/", {"q": "INV-X"})) == {"invoices": ["INV-X1"]}
    # The warehouse does not read invoices.
    assert found(login(users["bob"]).get("/search/", {"q": "INV-X"})) == {}
