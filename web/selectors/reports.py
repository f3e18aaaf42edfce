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
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from processes.kpis.periods import PERIODS, Period, cents
from processes.sales.models import Invoice, SalesOrder

__all__ = ["PERIODS", "Period", "receivables_by_age", "report", "sales_by_month", "top_customers"]

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
    return SalesOrder.objects.filter(
        period.within("confirmed_at"),
        status__in=[SalesOrder.Status.CONFIRMED, SalesOrder.Status.DONE],
    )


def sales_by_month(period: Period) -> list[dict]:
    """Per month (newest first) and currency: orders, gross total, and its share of the best
    month in that currency (for the bar)."""
    rows = [
        {**row, "total": cents(row["total"]), "month": _day(row["month"])}
        for row in _sales(period)
        .annotate(month=TruncMonth("confirmed_at"))
        .values("month", "currency")
        .annotate(orders=Count("id"), total=Sum("total"))
        .order_by("-month", "currency")
    ]
    best: dict[str, Decimal] = {}
    for row in rows:
        best[row["currency"]] = max(best.get(row["currency"], CENT), row["total"])
    for row in rows:
        row["share"] = int(row["total"] / best[row["currency"]] * 100)
    return rows


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


def report(period: Period) -> dict:
    sales = sales_by_month(period)
    return {
        "sales": sales,
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
