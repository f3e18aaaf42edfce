"""The key figures of a day (GET /api/kpis/, the dashboard), each from an indexed query:
confirmed orders by `confirmed_at`, finished manufacturing orders by `finished_at`, the
inbox by `(status, due_at)`.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from engine.models import HumanTask
from processes.common.money import company_currency, format_money, format_number
from processes.inventory.selectors import stock_overview
from processes.production.models import ManufacturingOrder
from processes.sales.models import SalesOrder

CENT, STEP = Decimal("0.01"), Decimal("0.001")
OPEN_TASKS = (HumanTask.Status.OPEN, HumanTask.Status.CLAIMED)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of the day in the company's time zone."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def sales_of_day(day: date) -> tuple[Decimal, int]:
    """(sum of the gross totals, count) of the orders confirmed that day and not cancelled."""
    figures = sales_figures_of_day(day)
    return figures["gross"], figures["count"]


def sales_figures_of_day(day: date) -> dict:
    """{"net", "tax", "gross", "count"} of the orders confirmed that day and not cancelled
    since: net before tax, gross with it (docs/taxes.md)."""
    start, end = day_bounds(day)
    totals = SalesOrder.objects.filter(
        confirmed_at__gte=start,
        confirmed_at__lt=end,
        status__in=[SalesOrder.Status.CONFIRMED, SalesOrder.Status.DONE],
    ).aggregate(net=Sum("net_total"), gross=Sum("total"), count=Count("id"))
    net = Decimal(totals["net"] or 0).quantize(CENT)
    gross = Decimal(totals["gross"] or 0).quantize(CENT)
    return {"net": net, "tax": gross - net, "gross": gross, "count": totals["count"]}


def produced_on(day: date) -> Decimal:
    """Good units of the manufacturing orders finished that day."""
    start, end = day_bounds(day)
    produced = ManufacturingOrder.objects.filter(
        finished_at__gte=start, finished_at__lt=end, status=ManufacturingOrder.Status.DONE
    ).aggregate(produced=Sum("produced_quantity"))["produced"]
    return Decimal(produced or 0).quantize(STEP)


def stock_figures() -> list[dict]:
    """On hand and available of every active product, by SKU."""
    return [
        {"sku": sku, "on_hand": _quantity(on_hand), "available": _quantity(available)}
        for sku, on_hand, available in stock_overview().values_list("sku", "on_hand", "available")
    ]


def _quantity(value) -> str:
    # SQLite hands sums back without their decimal places; the API always shows three.
    return str(Decimal(value).quantize(STEP))


def open_tasks_by_group() -> dict[str, int]:
    """Open and claimed inbox tasks per candidate group (lower-cased, as lanes compare)."""
    counts: Counter[str] = Counter()
    groups = HumanTask.objects.filter(status__in=OPEN_TASKS).values_list(
        "candidate_groups", flat=True
    )
    for names in groups:
        counts.update({str(name).lower() for name in names or []})
    return dict(sorted(counts.items()))


def overdue_tasks(now: datetime | None = None) -> int:
    """Open and claimed inbox tasks whose due date has passed."""
    now = now or timezone.now()
    return HumanTask.objects.filter(status__in=OPEN_TASKS, due_at__lt=now).count()


def day_figures(day: date | None = None) -> dict:
    """The figures of API.md's GET /api/kpis/ (amounts and quantities as strings): sales
    gross (`sales_today`, with tax) and net (`sales_today_net`) in the company currency."""
    day = day or timezone.localdate()
    sales = sales_figures_of_day(day)
    return {
        "currency": company_currency(),
        "sales_today": str(sales["gross"]),
        "sales_today_net": str(sales["net"]),
        "orders_today": sales["count"],
        "produced_today": str(produced_on(day)),
        "stock": stock_figures(),
        "open_tasks_by_group": open_tasks_by_group(),
        "overdue_tasks": overdue_tasks(),
    }


def dashboard_figures(day: date | None = None) -> dict:
    """The same figures for a person, on the dashboard: money with its currency, numbers in
    the active language's format, and sales said to be net or gross."""
    figures = day_figures(day)
    currency = figures["currency"]
    return {
        "sales_today_gross": format_money(Decimal(figures["sales_today"]), currency),
        "sales_today_net": format_money(Decimal(figures["sales_today_net"]), currency),
        "orders_today": format_number(figures["orders_today"]),
        "produced_today": format_number(Decimal(figures["produced_today"])),
        "stock": [
            {
                "sku": row["sku"],
                "on_hand": format_number(Decimal(row["on_hand"])),
                "available": format_number(Decimal(row["available"])),
            }
            for row in figures["stock"]
        ],
        "open_tasks_by_group": {
            group: format_number(count) for group, count in figures["open_tasks_by_group"].items()
        },
        "overdue_tasks": format_number(figures["overdue_tasks"]),
    }
