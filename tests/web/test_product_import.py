"""The product import page: check a CSV or XLSX file, see each problem by line and column,
import it; only those who write the catalogue may."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from processes.catalog import services as catalog
from processes.catalog.models import PriceListItem, Product
from tests.processes.common.test_tables import xlsx
from tests.processes.factories import make_product

GOOD = "sku,name,list_price,price_list,price\nDESK,Oak desk,250,Wholesale,199.90\n"


def upload(content: bytes | str, name: str = "products.csv") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def test_check_then_import_from_the_page(login, users):
    catalog.price_list_create(name="Wholesale", currency="USD")
    client = login(users["erin"])
    assert 'href="/products/import/"' in client.get("/products/").content.decode()
    assert "Import products and prices" in client.get("/products/import/").content.decode()
    checked = client.post("/products/import/", {"file": upload(GOOD), "check": "1"})
    html = checked.content.decode()
    assert checked.status_code == 200 and "ready to import" in html
    assert "Oak desk" in html and "$199.90" in html and "New" in html
    assert not Product.objects.exists()
    done = client.post("/products/import/", {"file": upload(GOOD), "import": "1"})
    assert done.status_code == 302 and done["Location"] == "/products/"
    assert "Imported: 1 new, 0 updated, 1 prices." in client.get("/products/").content.decode()
    assert PriceListItem.objects.get(product__sku="DESK").price == Decimal("199.90")


def test_a_bad_xlsx_names_the_line_and_column_and_changes_nothing(login, users):
    make_product("DESK", name="Desk", list_price=Decimal("100.00"))
    client = login(users["erin"])
    book = xlsx([["sku", "name", "list_price"], ["DESK", "Renamed", 90], ["LAMP", "Lamp", "-4"]])
    bad = client.post("/products/import/", {"file": upload(book, "p.xlsx"), "import": "1"})
    html = bad.content.decode()
    assert bad.status_code == 400
    assert 'data-problem-line="3" data-problem-column="list_price"' in html and "-4" in html
    assert list(Product.objects.values_list("sku", "name", "list_price")) == [
        ("DESK", "Desk", Decimal("100.00"))
    ]
    assert client.post("/products/import/", {"import": "1"}).status_code == 400
    junk = client.post("/products/import/", {"file": upload(b"\xff\xfe\x00"), "import": "1"})
    assert junk.status_code == 400 and "neither UTF-8" in junk.content.decode()


def test_only_those_who_write_the_catalogue_import(login, users):
    assert login(users["alice"]).get("/products/import/").status_code == 403
    refused = login(users["alice"]).post("/products/import/", {"file": upload(GOOD)})
    assert refused.status_code == 403 and not Product.objects.exists()
    assert (
        'href="/products/import/"' not in login(users["alice"]).get("/products/").content.decode()
    )
