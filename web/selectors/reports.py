"""Reads of the reports page: sales by month, open invoices by how overdue they are, and the
best customers — each one grouped query in the database, money kept per currency.

Sales are the orders confirmed in the period and not cancelled since (as the dashboard
counts them, processes.kpis), at their gross total in their own currency.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from processes.kpis.periods import PERIODS, Period, cents
from processes.kpis.sales import confirmed_sales, sales_by_product, sales_by_salesperson
from processes.sales.models import Invoice, SalesOrder

__all__ = ["PERIODS", "UNITS", "Period", "receivables_by_age", "report", "sales_by_month"]
__all__ += ["top_customers", "unit_from_query"]

CENT = Decimal("0.01")
TOP = 10
# How far past its due date an open invoice is: (label, first day overdue, last or None).
AGES = [
    ("current", _("Not yet due"), None, 0),
    ("1-30", _("1–30 days overdue"), 1, 30),
    ("31-60", _("31–60 days overdue"), 31, 60),
    ("61-90", _("61–90 days overdue"), 61, 90),
    ("90+", _("Over 90 days overdue"), 91, None),
]
MONEY = DecimalField(max_digits=16, decimal_places=2)


def _sales(period: Period) -> QuerySet[SalesOrder]:
    return confirmed_sales(period)


# `?per=`: how the sales are grouped in time — (name, heading, truncation).
UNITS = {
    "month": (_("Month"), TruncMonth),
    "week": (_("Week"), TruncWeek),
    "day": (_("Day"), TruncDay),
}


def unit_from_query(query) -> str:
    chosen = str(query.get("per", ""))
    return chosen if chosen in UNITS else "month"


def sales_by_month(period: Period, unit: str = "month") -> list[dict]:
    """Per month (or week, or day; the newest first) and currency: orders, gross total, and
    its share of the best one in that currency (for the bar). `start` is the first day."""
    rows = [
        {**row, "total": cents(row["total"]), "start": _day(row["start"])}
        for row in _sales(period)
        .annotate(start=UNITS[unit][1]("confirmed_at"))
        .values("start", "currency")
        .annotate(orders=Count("id"), total=Sum("total"))
        .order_by("-start", "currency")
    ]
    best: dict[str, Decimal] = {}
    for row in rows:
        best[row["currency"]] = max(best.get(row["currency"], CENT), row["total"])
    for row in rows:
        row["share"] = int(row["total"] / best[row["currency"]] * 100)
        row["label"] = bucket_label(row["start"], unit)
    return rows


def bucket_label(start: date, unit: str) -> str:
    """ "December 2026", "Week of 30 November 2026", "7 December 2026" in the reader's way."""
    if unit == "month":
        return formats.date_format(start, "YEAR_MONTH_FORMAT")
    day = formats.date_format(start, "DATE_FORMAT")
    return str(_("Week of %(day)s") % {"day": day}) if unit == "week" else day


def _day(value) -> date:
    return timezone.localtime(value).date() if isinstance(value, datetime) else value


def receivables_by_age(today: date) -> list[dict]:
    """Open invoices per age (not yet due, 1–30 … over 90 days past the due date) and
    currency: how many and what they still owe."""
    bucket = Case(
        *[
            When(_overdue_between(today, low, high), then=Value(index))
            for index, (_key, _label, low, high) in enumerate(AGES)
        ],
        output_field=IntegerField(),
    )
    owed = ExpressionWrapper(F("total") - F("paid_amount") - F("credited_amount"), MONEY)
    rows = (
        Invoice.objects.filter(status=Invoice.Status.OPEN)
        .annotate(age=bucket)
        .values("age", "currency")
        .annotate(invoices=Count("id"), owed=Sum(owed))
        .order_by("age", "currency")
    )
    return [
        {
            "key": AGES[row["age"]][0],
            "label": AGES[row["age"]][1],
            "currency": row["currency"],
            "invoices": row["invoices"],
            "owed": cents(row["owed"]),
        }
        for row in rows
    ]


def _overdue_between(today: date, low: int | None, high: int | None) -> Q:
    """Invoices due `low` to `high` days before today (None: without that bound)."""
    if low is None:  # not yet due: due today or later
        return Q(due_date__gte=today)
    q = Q(due_date__lte=today - timedelta(days=low))
    if high is not None:
        q &= Q(due_date__gte=today - timedelta(days=high))
    return q


def top_customers(period: Period, *, limit: int = TOP) -> list[dict]:
    """The customers who bought the most in the period (worth in the company currency, at
    each order's stored rate), with their orders and total in their own currency."""
    worth = ExpressionWrapper(F("total") * F("exchange_rate"), MONEY)
    rows = (
        _sales(period)
        .values("party_id", "party__name", "currency")
        .annotate(orders=Count("id"), sales=Sum("total"), worth=Sum(worth))
        .order_by("-worth", "party__name")[:limit]
    )
    return [
        {
            "party_id": row["party_id"],
            "name": row["party__name"],
            "currency": row["currency"],
            "orders": row["orders"],
            "total": cents(row["sales"]),
        }
        for row in rows
    ]


def report(period: Period, unit: str = "month") -> dict:
    sales = sales_by_month(period, unit)
    return {
        "sales": sales,
        "unit": unit,
        "products": sales_by_product(period),
        "salespeople": sales_by_salesperson(period),
        "receivables": receivables_by_age(period.today),
        "customers": top_customers(period),
        "totals": _totals(sales),
    }


def _totals(sales: list[dict]) -> list[dict]:
    """The period's orders and gross per currency."""
    totals: dict[str, dict] = {}
    for row in sales:
        total = totals.setdefault(
            row["currency"], {"currency": row["currency"], "orders": 0, "total": Decimal("0")}
        )
        total["orders"] += row["orders"]
        total["total"] += row["total"]
    return sorted(totals.values(), key=lambda row: row["currency"])
