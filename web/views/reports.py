"""The reports page (managers): sales by month, open invoices by age, the best customers, for
a chosen period; each table also as XLSX."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from processes.access.pages import record_page
from web.exports import download, wanted
from web.selectors.reports import PERIODS, Period, report


@record_page("reports")
@require_GET
def reports_page(request):
    period = Period.from_query(request.GET)
    figures = report(period)
    fmt = wanted(request)
    table = request.GET.get("table", "")
    if fmt and table in EXPORTS:
        header, rows = EXPORTS[table](figures)
        return download(fmt, f"report-{table}", header, rows)
    context = {"period": period, "periods": PERIODS, **figures}
    return render(request, "web/reports/index.html", context)


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
