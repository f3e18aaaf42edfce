"""Products and stock pages: names, quantities and money with currency, filters, exports
compared with the list's own query, transfers and counts by hand, and who may do what."""

import csv
import io
from decimal import Decimal

from django.utils.html import escape
from openpyxl import load_workbook

from processes.catalog import services as catalog
from processes.inventory.models import StockLevel
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from web.selectors.catalogue import ProductFilters, StockFilters, product_search, stock_levels

D = Decimal


def _shop():
    chair = make_product("CHAIR", name="Office chair", list_price=D("1234.50"))
    lamp = make_product("LAMP", name="Desk lamp", kind="purchased")
    main, annex = make_warehouse("WH1", name="Main"), make_warehouse("WH2", name="Annex")
    stock(chair, main, 10)
    stock(lamp, annex, D("2.5"))
    return chair, lamp, main, annex


def test_the_products_list_shows_stock_and_prices_and_filters(login, users):
    _shop()
    client = login(users["alice"])
    html = client.get("/products/").content.decode()
    assert "Office chair" in html and "€1,234.50" in html and "2.5" in html
    assert "/products/" in html and "CHAIR" in html
    only = client.get("/products/", {"q": "lamp"}).content.decode()
    assert "Desk lamp" in only and "Office chair" not in only
    assert "Office chair" in client.get("/products/", {"q": "CHA"}).content.decode()
    kind = client.get("/products/", {"kind": "purchased"}).content.decode()
    assert "Desk lamp" in kind and "Office chair" not in kind
    assert "No product matches" in client.get("/products/", {"q": "zzz"}).content.decode()


def test_exports_hold_the_rows_of_the_lists_own_query(login, users):
    _shop()
    client = login(users["erin"])
    expected = [
        [p.sku, p.name, str(p.on_hand)] for p in product_search(ProductFilters(q="", kind=""))
    ]
    rows = list(
        csv.reader(io.StringIO(client.get("/products/?format=csv").content.decode("utf-8-sig")))
    )
    assert [[r[0], r[1], r[5]] for r in rows[1:]] == expected
    book = load_workbook(io.BytesIO(client.get("/stock/?format=xlsx&warehouse=").content))
    sheet = [list(r) for r in book.active.iter_rows(values_only=True)]
    levels = stock_levels(StockFilters())
    assert [[r[0], r[2], D(str(r[3]))] for r in sheet[1:]] == [
        [lv.product.sku, str(lv.warehouse), lv.on_hand] for lv in levels
    ]


def test_the_product_page_shows_stock_per_warehouse_prices_and_ledger(login, users):
    chair, _lamp, main, annex = _shop()
    wholesale = catalog.price_list_create(name="Wholesale")
    catalog.price_list_set_price(
        price_list=wholesale, product=chair, price=D("1000"), min_quantity=5
    )
    acme = make_customer("Acme Tools")
    catalog.customer_price_set(party=acme, product=chair, discount_percent=D("10"))
    html = login(users["alice"]).get(f"/products/{chair.pk}/").content.decode()
    assert "Main" in html and "Wholesale" in html and "€1,000.00" in html
    assert "Acme Tools" in html and f"/customers/{acme.pk}/" in html
    assert "test stock" in html and "Receipt" in html
    assert "Move stock to another warehouse" not in html  # sales does not move stock


def test_bob_transfers_and_counts_and_the_ledger_shows_both(login, users):
    chair, _lamp, main, annex = _shop()
    client = login(users["bob"])
    page = client.get("/stock/").content.decode()
    assert "Move stock to another warehouse" in page and "Record a stock count" in page
    moved = client.post(
        "/stock/transfer/",
        {
            "product": chair.pk,
            "source": main.pk,
            "destination": annex.pk,
            "quantity": "5",
            "next": f"/products/{chair.pk}/",
        },
    )
    assert moved.status_code == 302 and moved["Location"] == f"/products/{chair.pk}/"
    counted = client.post(
        "/stock/count/",
        {"product": chair.pk, "warehouse": annex.pk, "counted": "4", "reason": "one broken"},
    )
    assert counted.status_code == 302
    html = client.get(f"/products/{chair.pk}/").content.decode()
    assert "Transfer" in html and "WH1 → WH2" in html and "Count: one broken" in html
    assert StockLevel.objects.get(product=chair, warehouse=annex).on_hand == D(4)


def test_a_refused_move_says_why_next_to_the_field_and_changes_nothing(login, users):
    chair, _lamp, main, annex = _shop()
    client = login(users["bob"])
    body = {"product": chair.pk, "source": main.pk, "destination": annex.pk, "quantity": "50"}
    too_much = client.post("/stock/transfer/", body)
    assert too_much.status_code == 409
    said = f"Only 10 of {chair.name} is available in {main.name}, not 50."
    assert escape(said) in too_much.content.decode()
    same = client.post("/stock/transfer/", {**body, "quantity": "1", "destination": main.pk})
    assert same.status_code == 400 and 'id="id_destination-error"' in same.content.decode()
    bad = client.post("/stock/count/", {"product": chair.pk, "warehouse": main.pk, "counted": "-1"})
    assert bad.status_code == 400 and 'id="id_reason-error"' in bad.content.decode()
    assert StockLevel.objects.get(product=chair, warehouse=main).on_hand == D(10)
    alice = login(users["alice"])
    assert alice.post("/stock/transfer/", {**body, "quantity": "1"}).status_code == 403
    assert StockLevel.objects.get(product=chair, warehouse=main).on_hand == D(10)


def test_reorder_rules_are_edited_on_the_product_page(login, users):
    chair, _lamp, main, _annex = _shop()
    client = login(users["bob"])
    bad = client.post(
        f"/products/{chair.pk}/reorder/", {"warehouse": main.pk, "min_qty": "20", "max_qty": "5"}
    )
    assert bad.status_code == 400 and 'id="id_max_qty-error"' in bad.content.decode()
    good = client.post(
        f"/products/{chair.pk}/reorder/", {"warehouse": main.pk, "min_qty": "20", "max_qty": "40"}
    )
    assert good.status_code == 302
    html = client.get("/stock/", {"low": "1"}).content.decode()
    listing = html.split('id="stock-list"', 1)[1].split('id="transfer"', 1)[0]
    assert "Office chair" in listing and "Desk lamp" not in listing


def test_the_pages_open_by_group_and_the_menu_follows_the_work(login, users):
    _shop()
    for name, menu, missing in [
        ("alice", ["Customers", "Products"], ["Stock"]),
        ("bob", ["Stock"], ["Customers", "Products"]),
        ("erin", ["Customers", "Products", "Stock"], []),
    ]:
        html = login(users[name]).get("/inbox/").content.decode()
        nav = html.split('<nav class="nav"', 1)[1].split("</nav>", 1)[0]
        assert all(f">{label}<" in nav for label in menu), (name, nav)
        assert not any(f">{label}<" in nav for label in missing), (name, nav)
