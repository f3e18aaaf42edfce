"""Erin imports a product spreadsheet: the check names the bad line and its column and
stores nothing; the fixed XLSX file is checked, imported and listed."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from processes.catalog import services as catalog
from processes.catalog.models import PriceListItem, Product

pytestmark = pytest.mark.e2e


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def choose(page, content: bytes) -> None:
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "products.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": content,
            }
        ],
    )


def test_erin_checks_a_product_spreadsheet_fixes_it_and_imports_it(session, people):
    catalog.price_list_create(name="Wholesale")
    header = ["sku", "name", "kind", "unit", "list_price", "price_list", "price"]
    good = [
        header,
        ["DESK-OAK", "Oak desk", "manufactured", "pcs", 450, "Wholesale", 380],
        ["CHAIR-01", "Office chair", "stocked", "pcs", 129.9, "Wholesale", 99.5],
        ["SCREW-M4", "Screws M4", "purchased", "box", 4.2, "", ""],
    ]
    bad = [row[:] for row in good]
    bad[2][4] = "cheap"  # line 3: no amount
    bad[3][2] = "gadget"  # line 4: no such kind

    erin = session("erin-product-import")
    erin.login("erin")
    page = erin.page
    erin.open_page("Products")
    page.wait_for_url("**/products/")
    page.click("text=Import")
    page.wait_for_url("**/products/import/")

    choose(page, workbook(bad))
    page.click("button[name=check]")
    page.wait_for_selector("#problems")
    problems = page.locator("#problems tbody tr")
    assert problems.count() == 2
    assert page.locator('tr[data-problem-line="3"][data-problem-column="list_price"]').count() == 1
    assert "gadget" in page.locator('tr[data-problem-line="4"]').inner_text()
    assert not Product.objects.exists()
    erin.screenshot("1-problems")

    choose(page, workbook(good))
    page.click("button[name=check]")
    page.wait_for_selector("#preview")
    preview = page.locator("#preview").inner_text()
    assert "All 3 lines are ready to import." in preview and "Oak desk" in preview
    assert "€380.00" in preview
    assert not Product.objects.exists()
    erin.screenshot("2-preview")

    choose(page, workbook(good))
    page.click("button[name=import]")
    page.wait_for_url("**/products/")
    assert "Imported: 3 new, 0 updated, 2 prices." in page.locator(".flash-success").inner_text()
    assert page.locator("tr[data-product]").count() == 3
    assert Product.objects.get(sku="SCREW-M4").unit == "box"
    assert PriceListItem.objects.get(product__sku="CHAIR-01").price == Decimal("99.50")
    erin.screenshot("3-imported")

    page.goto("/products/import/")
    page.set_viewport_size({"width": 390, "height": 844})
    choose(page, workbook(bad))
    page.click("button[name=check]")
    page.wait_for_selector("#problems")
    wide = page.evaluate("document.documentElement.scrollWidth")
    erin.screenshot("4-phone")
    assert wide <= 390, f"the import page is {wide} px wide at 390 px"
    # The two checks of the bad file answer 400 (the browser logs that); nothing else may.
    refused = [e for e in erin.console_errors if "status of 400" in e and "/products/import/" in e]
    assert len(refused) == 2
    erin.console_errors = [e for e in erin.console_errors if e not in refused]
    erin.assert_no_console_errors()
