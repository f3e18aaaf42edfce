"""The reports page: sales by month, open invoices by age and top customers, each compared
with the orders and invoices it sums; money in its currency; XLSX; empty; managers only."""

import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from openpyxl import load_workbook

from processes.catalog import services as catalog
from processes.sales import services
from processes.sales.models import Invoice, SalesOrder
from tests.processes.business import (
    make_order,
    media,  # noqa: F401 - documents go to a temporary MEDIA_ROOT
)
from tests.processes.factories import make_customer, make_product
from web.selectors.reports import (
    Period,
    receivables_by_age,
    report,
    sales_by_month,
    top_customers,
)


def confirmed_on(order, day):
    moment = timezone.make_aware(datetime.combine(day, time(12)))
    SalesOrder.objects.filter(pk=order.pk).update(confirmed_at=moment)
    return order


@pytest.fixture
def year(db, media):  # noqa: F811
    today = timezone.localdate()
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("100.00"))
    usd = catalog.price_list_create(name="Export", currency="USD")
    catalog.exchange_rate_set(currency="USD", day=today - timedelta(days=900), rate="0.9")
    acme, bolt = make_customer("Acme Tools"), make_customer("Bolt Supplies")
    yankee = make_customer("Yankee Desks", price_list=usd)
    this_month, last_month = today.replace(day=1), today.replace(day=1) - timedelta(days=1)
    orders = {
        "acme-now": confirmed_on(make_order((chair, 2), party=acme, confirm=True), this_month),
        "bolt-now": confirmed_on(make_order((chair, 5), party=bolt, confirm=True), this_month),
        "acme-last": confirmed_on(make_order((chair, 1), party=acme, confirm=True), last_month),
        "usd-last": confirmed_on(make_order((chair, 3), party=yankee, confirm=True), last_month),
        "old": confirmed_on(
            make_order((chair, 9), party=bolt, confirm=True), today - timedelta(days=800)
        ),
    }
    make_order((chair, 4), party=acme)  # a draft is no sale
    due = {"acme-now": 10, "bolt-now": -45, "acme-last": -100}  # days from today
    for key, days in due.items():
        invoice = services.invoice_create_for_order(order=orders[key])
        Invoice.objects.filter(pk=invoice.pk).update(due_date=today + timedelta(days=days))
    first = Invoice.objects.get(order=orders["acme-now"])
    services.payment_record(invoice=first, amount=Decimal("20.00"), method="card")
    return {"orders": orders, "today": today, "acme": acme}


def test_the_figures_are_the_sums_of_their_orders_and_invoices(year):
    orders, today = year["orders"], year["today"]
    period = Period.from_query({"months": "12"}, today=today)
    months = {(row["start"], row["currency"]): row for row in sales_by_month(period)}
    this_month = today.replace(day=1)
    now = months[(this_month, "EUR")]
    assert (
        now["orders"] == 2 and now["total"] == orders["acme-now"].total + orders["bolt-now"].total
    )
    assert now["share"] == 100
    last = (this_month - timedelta(days=1)).replace(day=1)
    assert months[(last, "USD")]["total"] == orders["usd-last"].total
    assert len(months) == 3  # the order 800 days ago is outside, the draft no sale
    last = Period.from_query({"months": "last"}, today=today)
    first_of_last = this_month - relativedelta(months=1)
    assert (last.key, last.first, last.last_day) == (
        "last",
        first_of_last,
        this_month - timedelta(days=1),
    )
    previous = {(row["start"], row["currency"]): row["total"] for row in sales_by_month(last)}
    assert previous == {
        (first_of_last, "EUR"): orders["acme-last"].total,
        (first_of_last, "USD"): orders["usd-last"].total,
    }  # this month's orders come after it
    assert {row["name"] for row in top_customers(last)} == {"Acme Tools", "Yankee Desks"}

    ages = {(row["key"], row["currency"]): row for row in receivables_by_age(today)}
    owed_now = orders["acme-now"].total - Decimal("20.00")
    assert ages[("current", "EUR")]["owed"] == owed_now
    assert ages[("31-60", "EUR")]["owed"] == orders["bolt-now"].total
    assert ages[("90+", "EUR")]["invoices"] == 1
    assert set(ages) == {("current", "EUR"), ("31-60", "EUR"), ("90+", "EUR")}

    top = top_customers(period)
    assert [row["name"] for row in top] == ["Bolt Supplies", "Acme Tools", "Yankee Desks"]
    assert top[1]["orders"] == 2 and top[2]["currency"] == "USD"


def test_the_page_shows_money_in_its_currency_and_exports_each_table(login, users, year):
    client = login(users["erin"])
    page = client.get("/reports/")
    html = page.content.decode()
    assert page.status_code == 200 and 'href="/reports/"' in html
    assert "Sales by month" in html and "$" in html and "€" in html
    assert "31–60 days overdue" in html and "Over 90 days overdue" in html
    assert f'href="/customers/{year["acme"].pk}/"' in html
    three = client.get("/reports/", {"months": "3"}).context
    assert three["period"].months == 3
    chart = three["chart"]
    assert [d["label"] for d in chart["datasets"]] == ["Sales in EUR", "Sales in USD"]
    assert len(chart["labels"]) == 2  # last month and this one, oldest first
    orders = year["orders"]
    assert chart["datasets"][0]["data"] == [
        float(orders["acme-last"].total),
        float(orders["acme-now"].total + orders["bolt-now"].total),
    ]
    assert chart["datasets"][1]["data"] == [float(orders["usd-last"].total), 0.0]
    last = client.get("/reports/", {"months": "last"})
    html = last.content.decode()
    assert '<option value="last" selected>' in html and "/reports/stock/?months=last" in html
    assert len(last.context["chart"]["labels"]) == 1
    answer = client.get("/reports/", {"format": "xlsx", "table": "receivables"})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Age", "Currency", "Invoices", "Owed"]
    assert [row[0] for row in rows[1:]] == [
        "Not yet due",
        "31–60 days overdue",
        "Over 90 days overdue",
    ]
    sales = load_workbook(
        io.BytesIO(client.get("/reports/", {"format": "xlsx", "table": "sales"}).content)
    ).active
    assert sales.max_row == 4  # the header and three month × currency rows


def test_an_empty_company_sees_what_to_do_and_others_may_not_look(login, users, db):
    html = login(users["erin"]).get("/reports/").content.decode()
    assert "Nothing to report yet" in html and 'href="/orders/"' in html
    refused = login(users["alice"]).get("/reports/")
    assert refused.status_code == 403 and "reports" in refused.content.decode()
    assert 'href="/reports/"' not in login(users["alice"]).get("/inbox/").content.decode()


def test_sales_by_week_and_day_by_product_and_by_salesperson(login, users, db, media):  # noqa: F811
    today = timezone.localdate()
    alice = users["alice"]
    alice.first_name, alice.last_name = "Alice", "Martin"
    alice.save()
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("100.00"))
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("20.00"))
    acme = make_customer("Acme Tools", owner=alice)
    bolt = make_customer("Bolt Supplies")  # nobody looks after it
    first = confirmed_on(make_order((chair, 2), (lamp, 5), party=acme, confirm=True), today)
    second = confirmed_on(make_order((chair, 1), party=bolt, confirm=True), today)
    period = Period.from_query({"months": "3"}, today=today)

    products = report(period)["products"]
    assert [(r["sku"], r["orders"], r["quantity"], r["net"]) for r in products] == [
        ("CHAIR", 2, Decimal("3.000"), Decimal("300.00")),
        ("LAMP", 1, Decimal("5.000"), Decimal("100.00")),
    ]
    people = report(period)["salespeople"]
    assert [(r["name"], r["orders"], r["gross"]) for r in people] == [
        ("Alice Martin", 1, first.total),
        (None, 1, second.total),
    ]
    (day,) = sales_by_month(period, "day")
    assert (day["start"], day["orders"], day["total"]) == (today, 2, first.total + second.total)
    (week,) = sales_by_month(period, "week")
    assert week["start"] == today - timedelta(days=today.weekday())  # weeks start on Monday
    assert week["label"].startswith("Week of ")

    client = login(users["erin"])
    html = client.get("/reports/", {"months": "3", "per": "week"}).content.decode()
    assert "Sales by week" in html and '<option value="week" selected>' in html
    assert "Sales by product" in html and "Alice Martin" in html
    assert "Nobody looks after these customers" in html
    answer = client.get("/reports/", {"per": "day", "format": "xlsx", "table": "sales"})
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Day" and rows[1][:3] == (today.isoformat(), "EUR", 2)
    answer = client.get("/reports/", {"format": "xlsx", "table": "products"})
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("SKU", "Product", "Currency", "Orders", "Quantity", "Unit", "Net")
    assert rows[1] == ("CHAIR", "Office chair", "EUR", 2, 3, "pcs", 300)
    answer = client.get("/reports/", {"format": "xlsx", "table": "salespeople"})
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["Salesperson", "Alice Martin", "Nobody"]
