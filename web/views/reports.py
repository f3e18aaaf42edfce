"""The reports pages (managers). `/reports/`: sales by month, open invoices by age, the best
customers; the operations reports beside it (web/views/report_pages.py) — each for a chosen
period, each table also as XLSX."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from processes.access.pages import record_page
from processes.catalog.units import unit_symbol
from processes.kpis.periods import PERIODS
from web.exports import download, wanted
from web.selectors.reports import UNITS, Period, report, unit_from_query

# The reports' tabs: (URL name, what it is called).
REPORTS = [
    ("web:reports", gettext_lazy("Sales")),
    ("web:report-stock", gettext_lazy("Stock valuation")),
    ("web:report-purchases", gettext_lazy("Purchases")),
    ("web:report-production", gettext_lazy("Production")),
    ("web:report-cycle-times", gettext_lazy("Cycle times")),
]


def answer(request, name: str, figures: dict, exports: dict, context: dict, period=None):
    """The report page `web/reports/<name>.html`, or one of its tables as a download when
    `?format=xlsx|csv&table=` names one."""
    fmt = wanted(request)
    table = request.GET.get("table", "")
    if fmt and table in exports:
        header, rows = exports[table](figures)
        prefix = "report" if name == "index" else f"report-{name.replace('_', '-')}"
        return download(fmt, f"{prefix}-{table}", header, rows)
    context = {
        **context,
        **figures,
        "period": period,
        "periods": PERIODS,
        "reports": REPORTS,
        "current": request.resolver_match.view_name,
    }
    return render(request, f"web/reports/{name}.html", context)


@record_page("reports")
@require_GET
def reports_page(request):
    period = Period.from_query(request.GET)
    figures = report(period, unit_from_query(request.GET))
    context = {
        "chart": _sales_chart(figures),
        "units": UNITS,
        "unit_heading": UNITS[figures["unit"]][0],
    }
    return answer(request, "index", figures, EXPORTS, context, period)


def _sales_chart(figures) -> dict:
    """Sales per month (week, day), oldest first, a bar set per currency (never added
    across them)."""
    starts = sorted({row["start"] for row in figures["sales"]})
    labels = {row["start"]: row["label"] for row in figures["sales"]}
    totals = {(row["start"], row["currency"]): row["total"] for row in figures["sales"]}
    currencies = sorted({row["currency"] for row in figures["sales"]})
    return {
        "type": "bar",
        "labels": [labels[start] for start in starts],
        "datasets": [
            {
                "label": _("Sales in %(currency)s") % {"currency": currency},
                "data": [float(totals.get((start, currency), 0)) for start in starts],
            }
            for currency in currencies
        ],
    }


# How a day, week or month is written in the export: 2026-12-07, 2026-W49, 2026-12.
STAMPS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}


def _sales(figures):
    header = [str(UNITS[figures["unit"]][0]), _("Currency"), _("Orders"), _("Sales")]
    stamp = STAMPS[figures["unit"]]
    rows = [
        [r["start"].strftime(stamp), r["currency"], r["orders"], r["total"]]
        for r in figures["sales"]
    ]
    return header, rows


def _receivables(figures):
    header = [_("Age"), _("Currency"), _("Invoices"), _("Owed")]
    rows = [
        [str(r["label"]), r["currency"], r["invoices"], r["owed"]] for r in figures["receivables"]
    ]
    return header, rows


def _customers(figures):
    header = [_("Customer"), _("Currency"), _("Orders"), _("Sales")]
    rows = [[r["name"], r["currency"], r["orders"], r["total"]] for r in figures["customers"]]
    return header, rows


def _products(figures):
    header = [_("SKU"), _("Product"), _("Currency"), _("Orders"), _("Quantity"), _("Unit")]
    header.append(_("Net"))
    rows = [
        [r["sku"], r["name"], r["currency"], r["orders"], r["quantity"], unit_symbol(r["unit"])]
        + [r["net"]]
        for r in figures["products"]
    ]
    return header, rows


def _salespeople(figures):
    header = [_("Salesperson"), _("Currency"), _("Orders"), _("Net"), _("With tax")]
    rows = [
        [r["name"] or _("Nobody"), r["currency"], r["orders"], r["net"], r["gross"]]
        for r in figures["salespeople"]
    ]
    return header, rows


EXPORTS = {"sales": _sales, "receivables": _receivables, "customers": _customers}
EXPORTS |= {"products": _products, "salespeople": _salespeople}
