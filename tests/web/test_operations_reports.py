"""The operations reports' pages: stock valuation, purchases, production, cycle times — the
figures as a person reads them (money with its currency, names as links), each XLSX opened
and read cell by cell, the empty states, a query budget, and managers only."""

import io

import pytest
from openpyxl import load_workbook

from tests.processes.business import media  # noqa: F401 - documents go to a temporary MEDIA_ROOT
from tests.processes.kpis import seeds

FRAME = 13  # the queries of any workspace page: session, person, language, rights, top bar
PAGES = ["/reports/stock/", "/reports/purchases/", "/reports/production/", "/reports/cycle-times/"]


def sheet_rows(answer) -> list[list]:
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_stock_valuation_page_and_its_exports(login, users):
    seeds.stock_in_two_warehouses()
    client = login(users["erin"])
    page = client.get("/reports/stock/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Stock valuation per warehouse" in html and 'data-chart="stock-chart"' in html
    assert "€902.25" in html and "€2,012.50" in html  # the totals at cost and at list price
    assert '<tr data-warehouse="WH1">' in html and "€782.25" in html
    assert 'href="/reports/stock/" class="active"' in html
    chart = page.context["chart"]
    assert chart["labels"] == ["Main", "Annex"]
    assert [s["data"] for s in chart["datasets"]] == [[782.25, 120.0], [1712.5, 300.0]]

    rows = sheet_rows(client.get("/reports/stock/", {"format": "xlsx", "table": "warehouses"}))
    assert rows == [
        ["Warehouse", "Products", "Currency", "At standard cost", "At list price"],
        ["WH1 Main", 3, "EUR", 782.25, 1712.5],
        ["WH2 Annex", 1, "EUR", 120, 300],
        ["Total", 4, "EUR", 902.25, 2012.5],
    ]
    lines = sheet_rows(client.get("/reports/stock/", {"format": "xlsx", "table": "lines"}))
    assert lines[0][:4] == ["SKU", "Product", "Warehouse", "On hand"]
    assert lines[4] == ["TUBE", "Steel tube", "WH1", 12.5, "m", "EUR", 6.5, 81.25, 112.5]
    assert len(lines) == 5


def test_the_purchases_page_shows_each_currency_and_exports(login, users):
    seeded = seeds.purchases_from_two_suppliers()
    client = login(users["erin"])
    page = client.get("/reports/purchases/", {"months": "3"})
    html = page.content.decode()
    assert "Purchases by supplier" in html and "€701.00" in html and "$150.00" in html
    assert f'href="/customers/{seeded.nordic.pk}/"' in html
    assert page.context["chart"]["datasets"][0]["data"] == [701.0, 135.0]
    assert '<option value="3" selected>' in html and "/reports/stock/?months=3" in html
    rows = sheet_rows(
        client.get("/reports/purchases/", {"months": "3", "format": "xlsx", "table": "suppliers"})
    )
    timber = seeded.orders.chairs.total + seeded.orders.desks.total
    assert rows[0] == ["Supplier", "Currency", "Orders", "Net", "With tax"]
    assert rows[1] == ["Timber & Steel", "EUR", 2, 701, float(timber)]
    assert rows[2][:4] == ["Nordic Parts", "USD", 1, 150]


def test_the_production_page_and_its_export(login, users):
    seeds.production_of_desks_and_frames()
    client = login(users["erin"])
    html = client.get("/reports/production/").content.decode()
    assert "Output and scrap per product" in html and 'data-chart="production-chart"' in html
    assert '<tr data-sku="OAK-DESK">' in html and "20 %" in html
    rows = sheet_rows(client.get("/reports/production/", {"format": "xlsx", "table": "products"}))
    assert rows[1:] == [
        ["DESK-FRAME", "Thing", "pcs", 1, 5, 0, 0],
        ["OAK-DESK", "Thing", "pcs", 2, 4, 1, 20],
    ]


def test_the_cycle_times_page_reads_durations_as_people_say_them(login, users):
    seeds.completed_orders(users["alice"], users["erin"])
    client = login(users["erin"])
    page = client.get("/reports/cycle-times/")
    html = page.content.decode()
    assert "Cycle time per process" in html and "Cycle time per task" in html
    assert '<tr data-process="order_approval">' in html and "4 h" in html and "6 h" in html
    assert "1 h 30 min" in html and "30 min" in html  # the entry's average, its wait
    assert page.context["process_chart"]["datasets"][0]["data"] == [4.0]
    rows = sheet_rows(client.get("/reports/cycle-times/", {"format": "xlsx", "table": "tasks"}))
    assert rows[0] == [
        "Process",
        "Task",
        "Completed",
        "Average (hours)",
        "Longest (hours)",
        "Waited to be taken (hours)",
    ]
    assert rows[1][1:] == ["Approve order", 1, 3, 3, None]
    assert rows[2][1:] == ["Enter order", 2, 1.5, 2, 0.5]
    processes = client.get("/reports/cycle-times/", {"format": "xlsx", "table": "processes"})
    assert sheet_rows(processes)[1][1:] == [2, 4, 6]


@pytest.mark.parametrize("path", PAGES)
def test_an_empty_report_says_what_to_do_and_only_managers_look(login, users, path):
    html = login(users["erin"]).get(path).content.decode()
    assert 'id="reports-empty"' in html and 'class="button"' in html
    refused = login(users["alice"]).get(path)
    assert refused.status_code == 403 and "reports" in refused.content.decode()


def test_the_pages_answer_in_a_fixed_number_of_queries(login, users, django_assert_max_num_queries):
    seeds.stock_in_two_warehouses()
    seeds.completed_orders(users["alice"], users["erin"])
    client = login(users["erin"])
    # The page's frame (session, person, groups, top bar) and then each table's one query.
    budget = {PAGES[0]: FRAME + 3, PAGES[1]: FRAME + 1, PAGES[2]: FRAME + 1, PAGES[3]: FRAME + 2}
    budget["/reports/"] = FRAME + 5  # by month, by age, customers, products, salespeople
    for path, most in budget.items():
        with django_assert_max_num_queries(most, info=path):
            assert client.get(path).status_code == 200


def test_the_reports_read_in_french_and_russian(login, users):
    seeds.stock_in_two_warehouses()
    client = login(users["erin"])
    french = client.get("/reports/stock/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Valorisation du stock par entrepôt" in french and "902,25\xa0€" in french
    russian = client.get("/reports/cycle-times/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Время цикла" in russian and "Прошлый месяц" in russian
    sales = client.get("/reports/", {"per": "week"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="week" selected>Semaine</option>' in sales  # no sales yet: the period
