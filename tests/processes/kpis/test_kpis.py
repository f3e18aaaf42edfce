from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.catalog.models import TaxRate
from processes.kpis.selectors import dashboard_figures
from processes.production import services as production
from processes.sales import services as sales
from tests.factories import deploy_fixture
from tests.processes.business import make_order, oak_desk, stocked
from tests.processes.factories import make_product, make_warehouse, stock
from web.kpis import business_figures, registered_providers

pytestmark = pytest.mark.django_db
D = Decimal


def figures(api, user, **params):
    answer = api(user).get("/api/kpis/", params)
    assert answer.status_code == 200
    return answer.json()


def test_the_figures_of_an_empty_day(api, people):
    assert figures(api, people.erin) == {
        "currency": "EUR",
        "sales_today": "0.00",
        "sales_today_net": "0.00",
        "sales_by_currency": [],
        "orders_today": 0,
        "produced_today": "0.000",
        "stock": [],
        "open_tasks_by_group": {},
        "overdue_tasks": 0,
    }
    assert api().get("/api/kpis/").status_code in (401, 403)
    bad = api(people.erin).get("/api/kpis/", {"date": "yesterday"})
    assert bad.status_code == 400 and "date" in bad.json()["errors"]


def test_sales_and_orders_move_when_an_order_is_confirmed(api, people):
    chair = make_product("CHAIR", list_price=D("100.00"))
    make_order((chair, 3), confirm=True)
    make_order((chair, 1))  # a draft does not count
    cancelled = make_order((chair, 5), confirm=True)
    today = figures(api, people.erin)
    assert (today["sales_today"], today["orders_today"]) == ("800.00", 2)
    sales.order_cancel(order=cancelled)
    today = figures(api, people.erin)
    assert (today["sales_today"], today["orders_today"]) == ("300.00", 1)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert figures(api, people.erin, date=yesterday)["orders_today"] == 0


def test_produced_and_stock_move_when_goods_are_made(api, people):
    main = make_warehouse("WH1")
    parts = oak_desk()
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    mo = production.manufacturing_order_plan(product=parts.desk, quantity=2)
    production.mo_reserve_components(mo=mo)
    production.mo_start(mo=mo)
    production.mo_record_output(mo=mo, produced=2)
    production.mo_quality_check(mo=mo, passed=True)
    assert figures(api, people.erin)["produced_today"] == "0.000"
    production.mo_finish(mo=mo)
    today = figures(api, people.erin)
    assert today["produced_today"] == "2.000"
    rows = {row["sku"]: row for row in today["stock"]}
    assert rows["OAK-DESK"] == {"sku": "OAK-DESK", "on_hand": "2.000", "available": "2.000"}
    assert rows["DESK-FRAME"]["on_hand"] == "0.000"


def test_reserved_stock_is_not_available(api, people):
    chair = stocked("CHAIR", 10)
    make_order((chair, 4), reserve=True)
    (row,) = figures(api, people.erin)["stock"]
    assert row == {"sku": chair.sku, "on_hand": "10.000", "available": "6.000"}


def test_open_and_overdue_tasks_by_group(api, people):
    deploy_fixture()
    for key in ("SO-1", "SO-2"):
        instance_start(definition_key="order_approval", business_key=key, user=people.alice)
    first, second = HumanTask.objects.order_by("id")
    HumanTask.objects.filter(pk=first.pk).update(
        status="claimed", assignee=people.alice, due_at=timezone.now() - timedelta(hours=1)
    )
    HumanTask.objects.filter(pk=second.pk).update(due_at=timezone.now() + timedelta(days=1))
    today = figures(api, people.erin)
    assert today["open_tasks_by_group"] == {"sales": 2}
    assert today["overdue_tasks"] == 1
    HumanTask.objects.filter(pk=first.pk).update(status="completed")
    assert figures(api, people.erin)["open_tasks_by_group"] == {"sales": 1}
    assert figures(api, people.erin)["overdue_tasks"] == 0


def test_the_dashboard_gets_the_same_figures_for_a_person():
    assert dashboard_figures in registered_providers()
    day = timezone.localdate()
    assert business_figures(day) == {**business_figures(day), **dashboard_figures(day)}


def test_sales_are_told_net_and_gross_and_shown_in_the_readers_format(api, people):
    vat = TaxRate.objects.create(name="VAT 20 %", rate=D("20"), country="FR")
    desk = make_product("DESK", list_price=D("1028.80"), tax_rate=vat)
    make_order((desk, 1), confirm=True)
    today = figures(api, people.erin)
    # 1028.80 net, VAT 20 % 205.76, gross 1234.56
    assert (today["sales_today_net"], today["sales_today"]) == ("1028.80", "1234.56")
    with translation.override("fr"):
        shown = dashboard_figures()
    assert shown["sales_today_gross"] == "1\u202f234,56\xa0€"
    assert shown["sales_today_net"] == "1\u202f028,80\xa0€"
    with translation.override("ru"):
        assert dashboard_figures()["sales_today_gross"] == "1\xa0234,56\xa0€"
    with translation.override("en"):
        assert dashboard_figures()["sales_today_gross"] == "€1,234.56"
