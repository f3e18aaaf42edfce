"""Importing products with prices from CSV or XLSX: all or nothing, problems by line and
column, a known SKU updated, its price-list price added or replaced."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from processes.catalog import services as catalog
from processes.catalog.imports import products_import
from processes.catalog.models import PriceListItem, Product, TaxRate
from tests.processes.common.test_tables import xlsx
from tests.processes.factories import make_product

pytestmark = pytest.mark.django_db

HEADER = "sku,name,kind,unit,list_price,price_list,price\n"


def lines(count: int) -> list[str]:
    return [f"P-{n:05},Product {n},stocked,pcs,{n}.50,Wholesale,{n}.00\n" for n in range(count)]


@pytest.fixture
def wholesale():
    return catalog.price_list_create(name="Wholesale", currency="USD")


def snapshot():
    return (
        list(Product.objects.values_list("sku", "name", "list_price", "kind").order_by("sku")),
        list(PriceListItem.objects.values_list("product__sku", "price").order_by("pk")),
    )


def test_bad_lines_are_named_with_their_column_and_nothing_changes(wholesale):
    make_product("P-00001", name="Kept", list_price=Decimal("9.00"))
    before = snapshot()
    rows = lines(200)
    rows[10] = "P-00010,Ten,robot,pcs,1,,\n"  # line 12: kind
    rows[20] = "P-00020,Twenty,stocked,pcs,-3,,\n"  # line 22: a negative price
    rows[30] = "P-00005,Again,stocked,pcs,1,,\n"  # line 32: P-00005 is on line 7
    rows[40] = "P-00040,Forty,stocked,pcs,1,Retail,2\n"  # line 42: no such price list
    rows[50] = "P-00050,,stocked,pcs,1,,\n"  # line 52: a new product without a name
    rows[60] = "P-00060,Sixty,stocked,pcs,1,,7\n"  # line 62: a price on no list
    result = products_import(content=HEADER + "".join(rows))
    assert [(p.line, p.column) for p in result.problems] == [
        (12, "kind"),
        (22, "list_price"),
        (32, "sku"),
        (42, "price_list"),
        (52, "name"),
        (62, "price_list"),
    ]
    assert "robot" in result.problems[0].message and "line 7" in result.problems[2].message
    assert snapshot() == before


def test_a_good_file_adds_new_products_updates_known_ones_and_sets_prices(wholesale):
    desk = make_product("DESK", name="Desk", list_price=Decimal("100.00"), unit="pcs")
    catalog.price_list_set_price(price_list=wholesale, product=desk, price=Decimal("80.00"))
    vat = TaxRate.objects.create(name="VAT 20 %", rate=Decimal("20"))
    content = (
        "SKU;Name;Kind;Unit;List_price;Tax_rate;Price_list;Price\n"
        "DESK;;;;120,00;vat 20 %;wholesale;95\n"  # a blank cell keeps what the product has
        "BOLT;Bolt M8;purchased;box;0.35;;;\n"
    )
    dry = products_import(content=content, dry_run=True)
    assert dry.valid and [row["is_new"] for row in dry.rows] == [False, True]
    assert not Product.objects.filter(sku="BOLT").exists()

    done = products_import(content=content.encode("utf-8-sig"))
    assert (done.created, done.updated, done.prices) == (1, 1, 1)
    desk.refresh_from_db()
    assert (desk.name, desk.list_price, desk.unit, desk.tax_rate) == (
        "Desk",
        Decimal("120.00"),
        "pcs",
        vat,
    )
    assert PriceListItem.objects.get(product=desk).price == Decimal("95.00")
    bolt = Product.objects.get(sku="BOLT")
    assert (bolt.kind, bolt.unit, bolt.list_price) == ("purchased", "box", Decimal("0.35"))


def test_an_xlsx_workbook_imports_like_a_csv(wholesale):
    content = xlsx(
        [
            ["sku", "name", "list_price", "weight_kg", "price_list", "price"],
            ["LAMP", "Desk lamp", 24.9, 1.25, "Wholesale", 19],
        ]
    )
    assert products_import(content=content).created == 1
    lamp = Product.objects.get(sku="LAMP")
    assert (lamp.list_price, lamp.weight_kg) == (Decimal("24.90"), Decimal("1.250"))
    assert lamp.price_list_items.get().price == Decimal("19.00")


def test_the_header_is_checked_first(db):
    assert [(p.line, p.column) for p in products_import(content="name\nX\n").problems] == [
        (1, "sku")
    ]
    bad = products_import(content="sku,colour\nX,red\n")
    assert [(p.line, p.column) for p in bad.problems] == [(1, "colour")]
    assert not Product.objects.exists()


def test_ten_thousand_lines_in_seconds(wholesale):
    started = time.process_time()
    result = products_import(content=HEADER + "".join(lines(10_000)))
    spent = time.process_time() - started
    assert result.created == 10_000 and PriceListItem.objects.count() == 10_000
    again = products_import(content=HEADER + "".join(lines(10_000)))  # all updates now
    assert again.updated == 10_000 and PriceListItem.objects.count() == 10_000
    assert spent < 10, f"10,000 lines took {spent:.1f} s of CPU"


def test_the_api_imports_with_a_dry_run_and_names_the_problems(api, people, wholesale):
    body = HEADER + "".join(lines(3))
    assert api(people.alice).post("/api/products/import/", {"csv": body}).status_code == 403
    dry = api(people.erin).post("/api/products/import/", {"csv": body, "dry_run": True})
    assert dry.status_code == 200 and dry.json() == {"valid": True, "lines": 3, "dry_run": True}
    assert not Product.objects.exists()
    bad = api(people.erin).post("/api/products/import/", {"csv": body + "X-1,,,,,,\n"})
    assert bad.status_code == 400
    assert {
        "line": 5,
        "column": "name",
        "message": "A new product needs a name.",
    } in bad.json()["errors"]
    assert not Product.objects.exists()
    upload = SimpleUploadedFile("products.xlsx", xlsx([["sku", "name"], ["A", "B"]]))
    done = api(people.erin).post("/api/products/import/", {"file": upload}, format="multipart")
    assert done.status_code == 201
    assert done.json() == {"created": 1, "updated": 0, "prices": 0, "dry_run": False}
    junk = SimpleUploadedFile("products.xlsx", b"PK\x03\x04junk")
    refused = api(people.erin).post("/api/products/import/", {"file": junk}, format="multipart")
    assert refused.status_code == 400 and "XLSX" in refused.json()["detail"]
    assert Product.objects.count() == 1
