"""The operations reports (managers), beside the sales report: stock valuation per warehouse,
purchases by supplier, production output and scrap, and process cycle times — each with a
chart, its tables, and each table as XLSX (`?format=xlsx&table=…`)."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from processes.access.pages import record_page
from processes.catalog.units import unit_symbol
from processes.kpis.cycle_times import hours, process_cycle_times, task_cycle_times
from processes.kpis.operations import (
    production_by_product,
    purchases_by_supplier,
    stock_by_warehouse,
    stock_lines,
    stock_totals,
)
from processes.kpis.periods import Period
from web.views.reports import answer

CHART_ROWS = 10


def _chart(labels, datasets, **options) -> dict:
    return {"type": "bar", "labels": labels, "datasets": datasets, **options}


def _set(label, values) -> dict:
    return {"label": label, "data": [float(value) for value in values]}


@record_page("reports")
@require_GET
def stock_report(request):
    warehouses = stock_by_warehouse()
    totals = stock_totals()
    figures = {"warehouses": warehouses, "totals": totals, "lines": list(stock_lines())}
    currency = totals["currency"]
    chart = _chart(
        [row["name"] for row in warehouses],
        [
            _set(_("At standard cost (%(currency)s)") % {"currency": currency},
                 [row["cost"] for row in warehouses]),
            _set(_("At list price (%(currency)s)") % {"currency": currency},
                 [row["price"] for row in warehouses]),
        ],
    )  # fmt: skip
    return answer(request, "stock", figures, STOCK_EXPORTS, {"chart": chart})


def _stock_warehouses(figures):
    header = [_("Warehouse"), _("Products"), _("Currency"), _("At standard cost")]
    header.append(_("At list price"))
    rows = [
        [f"{r['code']} {r['name']}", r["products"], r["currency"], r["cost"], r["price"]]
        for r in figures["warehouses"]
    ]
    totals = figures["totals"]
    if rows:
        rows.append([_("Total"), totals["lines"], totals["currency"], totals["cost"]])
        rows[-1].append(totals["price"])
    return header, rows


def _stock_lines(_figures):
    header = [_("SKU"), _("Product"), _("Warehouse"), _("On hand"), _("Unit")]
    header += [_("Currency"), _("Unit cost"), _("At standard cost"), _("At list price")]
    rows = (
        [r["sku"], r["name"], r["warehouse"], r["on_hand"], unit_symbol(r["unit"]), r["currency"]]
        + [r["unit_cost"], r["cost"], r["price"]]
        for r in stock_lines(limit=None)
    )
    return header, rows


STOCK_EXPORTS = {"warehouses": _stock_warehouses, "lines": _stock_lines}


@record_page("reports")
@require_GET
def purchases_report(request):
    period = Period.from_query(request.GET)
    suppliers = purchases_by_supplier(period)
    top = suppliers[:CHART_ROWS]
    company = top[0]["company_currency"] if top else ""
    chart = _chart(
        [f"{row['name']} ({row['currency']})" for row in top],
        [_set(_("Net, in %(currency)s") % {"currency": company}, [r["worth"] for r in top])],
        horizontal=True,
    )
    figures = {"suppliers": suppliers}
    return answer(request, "purchases", figures, PURCHASE_EXPORTS, {"chart": chart}, period)


def _purchases(figures):
    header = [_("Supplier"), _("Currency"), _("Orders"), _("Net"), _("With tax")]
    rows = [
        [r["name"], r["currency"], r["orders"], r["net"], r["gross"]] for r in figures["suppliers"]
    ]
    return header, rows


PURCHASE_EXPORTS = {"suppliers": _purchases}


@record_page("reports")
@require_GET
def production_report(request):
    period = Period.from_query(request.GET)
    products = production_by_product(period)
    top = products[:CHART_ROWS]
    chart = _chart(
        [row["name"] for row in top],
        [
            _set(_("Good units"), [row["produced"] for row in top]),
            _set(_("Scrapped"), [row["scrap"] for row in top]),
        ],
        horizontal=True,
        stacked=True,
    )
    figures = {"products": products}
    return answer(request, "production", figures, PRODUCTION_EXPORTS, {"chart": chart}, period)


def _production(figures):
    header = [_("SKU"), _("Product"), _("Unit"), _("Orders"), _("Good units"), _("Scrapped")]
    header.append(_("Scrap (%)"))
    rows = [
        [r["sku"], r["name"], unit_symbol(r["unit"]), r["orders"], r["produced"], r["scrap"]]
        + [r["scrap_rate"]]
        for r in figures["products"]
    ]
    return header, rows


PRODUCTION_EXPORTS = {"products": _production}


@record_page("reports")
@require_GET
def cycle_times_report(request):
    period = Period.from_query(request.GET)
    processes, tasks = process_cycle_times(period), task_cycle_times(period)
    top = tasks[:CHART_ROWS]
    charts = {
        "process_chart": _chart(
            [row["name"] for row in processes],
            [_set(_("Average, in hours"), [hours(row["average"]) for row in processes])],
            horizontal=True,
            decimals=1,
        ),
        "task_chart": _chart(
            [f"{row['name']} ({row['process']})" for row in top],
            [_set(_("Average, in hours"), [hours(row["average"]) for row in top])],
            horizontal=True,
            decimals=1,
        ),
    }
    figures = {"processes": processes, "tasks": tasks}
    return answer(request, "cycle_times", figures, CYCLE_EXPORTS, charts, period)


def _processes(figures):
    header = [_("Process"), _("Completed"), _("Average (hours)"), _("Longest (hours)")]
    rows = [
        [r["name"], r["completed"], hours(r["average"]), hours(r["longest"])]
        for r in figures["processes"]
    ]
    return header, rows


def _tasks(figures):
    header = [_("Process"), _("Task"), _("Completed"), _("Average (hours)")]
    header += [_("Longest (hours)"), _("Waited to be taken (hours)")]
    rows = [
        [r["process"], r["name"], r["completed"], hours(r["average"]), hours(r["longest"])]
        + [hours(r["waited"]) if r["waited"] is not None else None]
        for r in figures["tasks"]
    ]
    return header, rows


CYCLE_EXPORTS = {"processes": _processes, "tasks": _tasks}
