from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from processes.catalog.models import CustomerPrice, Product
from processes.inventory.services import stock_reserve
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocked_desk():
    desk = make_product("DESK", name="Desk")
    main, shop = make_warehouse("WH1"), make_warehouse("WH2")
    stock(desk, main, 7)
    stock(desk, shop, "3.5")
    stock_reserve(product=desk, quantity=2, reference="SO-1", warehouse=main)
    return desk


def test_product_rows_carry_stock_totals_in_one_query(api, people, stocked_desk):
    make_product("CHAIR", name="Chair")
    client = api(people.carol)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/products/")
    assert answer.status_code == 200
    rows = {row["sku"]: row for row in answer.json()["results"]}
    assert rows["DESK"]["on_hand"] == "10.500"
    assert rows["DESK"]["reserved"] == "2.000"
    assert rows["DESK"]["available"] == "8.500"
    assert rows["CHAIR"]["on_hand"] == "0.000" and rows["CHAIR"]["available"] == "0.000"
    product_queries = [q for q in queries.captured_queries if "catalog_product" in q["sql"]]
    # the page and its count
    assert len(product_queries) == 2


def test_product_detail_has_per_warehouse_stock(api, people, stocked_desk):
    detail = api(people.carol).get(f"/api/products/{stocked_desk.pk}/").json()
    assert detail["available"] == "8.500"
    assert [(s["warehouse_code"], s["on_hand"], s["available"]) for s in detail["stock"]] == [
        ("WH1", "7.000", "5.000"),
        ("WH2", "3.500", "3.500"),
    ]


def test_products_filter_by_kind_and_search(api, people):
    make_product("DESK", name="Oak desk", kind="manufactured")
    make_product("TOP", name="Oak top", kind="purchased")
    client = api(people.alice)
    assert [r["sku"] for r in client.get("/api/products/?kind=purchased").json()["results"]] == [
        "TOP"
    ]
    assert client.get("/api/products/?search=oak").json()["count"] == 2
    assert client.get("/api/products/?kind=magic").status_code == 400


def test_catalog_writes_for_process_owners_and_managers(api, people):
    body = {"sku": "LAMP", "name": "Lamp", "kind": "stocked", "list_price": "59.00"}
    assert api(people.alice).post("/api/products/", body).status_code == 403
    created = api(people.olga).post("/api/products/", body)
    assert created.status_code == 201 and created.json()["available"] == "0.000"
    pid = created.json()["id"]
    assert api(people.erin).patch(f"/api/products/{pid}/", {"name": "LED lamp"}).status_code == 200
    refused = api(people.erin).patch(f"/api/products/{pid}/", {"sku": "OTHER"})
    assert refused.status_code == 400 and "sku" in refused.json()["errors"]
    assert Product.objects.get().name == "LED lamp"
    duplicate = api(people.olga).post("/api/products/", body)
    assert duplicate.status_code == 400 and "sku" in duplicate.json()["errors"]


def test_price_lists_and_items(api, people):
    desk = make_product("DESK")
    client = api(people.olga)
    created = client.post("/api/price-lists/", {"name": "Wholesale", "currency": "EUR"})
    assert created.status_code == 201
    list_id = created.json()["id"]
    added = client.post(
        f"/api/price-lists/{list_id}/items/", {"product": desk.pk, "price": "90.00"}
    )
    assert added.status_code == 201
    assert [(i["sku"], i["price"]) for i in added.json()["items"]] == [("DESK", "90.00")]
    assert api(people.bob).get("/api/price-lists/").json()["count"] == 1
    assert api(people.bob).post(f"/api/price-lists/{list_id}/items/", {}).status_code == 403


def test_customer_prices(api, people):
    party, desk = make_customer(), make_product("DESK")
    client = api(people.erin)
    made = client.post(
        "/api/customer-prices/", {"party": party.pk, "product": desk.pk, "price": "80.00"}
    )
    assert made.status_code == 201, made.json()
    again = client.post(
        "/api/customer-prices/",
        {"party": party.pk, "product": desk.pk, "discount_percent": "5"},
    )
    assert again.status_code == 201
    assert CustomerPrice.objects.get().discount_percent == Decimal("5.00")
    assert client.get(f"/api/customer-prices/?party={party.pk}").json()["count"] == 1
    assert client.delete(f"/api/customer-prices/{again.json()['id']}/").status_code == 204
    assert not CustomerPrice.objects.exists()
