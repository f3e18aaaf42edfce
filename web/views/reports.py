"""The reports pages (managers). `/reports/`: sales by month, open invoices by age, the best
customers; the operations reports beside it (web/views/report_pages.py) — each for a chosen
period, each table also as XLSX."""

from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from processes.access.pages import record_page
from processes.kpis.periods import PERIODS
from web.exports import download, wanted
from web.selectors.reports import Period, report

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
    figures = report(period)
    return answer(request, "index", figures, EXPORTS, {"chart": _sales_chart(figures)}, period)


def _sales_chart(figures) -> dict:
    """Sales per month, oldest first, a bar set per currency (never added across them)."""
    months = sorted({row["month"] for row in figures["sales"]})
    totals = {(row["month"], row["currency"]): row["total"] for row in figures["sales"]}
    currencies = sorted({row["currency"] for row in figures["sales"]})
    return {
        "type": "bar",
        "labels": [formats.date_format(month, "YEAR_MONTH_FORMAT") for month in months],
        "datasets": [
            {
                "label": _("Sales in %(currency)s") % {"currency": currency},
                "data": [float(totals.get((month, currency), 0)) for month in months],
            }
            for currency in currencies
        ],
    }


def _sales(figures):
    header = [_("Month"), _("Currency"), _("Orders"), _("Sales")]
    rows = [
        [r["month"].strftime("%Y-%m"), r["currency"], r["orders"], r["total"]]
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


EXPORTS = {"sales": _sales, "receivables": _receivables, "customers": _customers}
