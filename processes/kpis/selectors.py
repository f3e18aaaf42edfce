"""The key figures of a day (GET /api/kpis/, the dashboard), each from an indexed query:
confirmed orders by `confirmed_at`, finished manufacturing orders by `finished_at`, the
inbox by `(status, due_at)`.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from engine.models import HumanTask
from processes.common.currencies import to_company
from processes.common.money import company_currency, format_money, format_number
from processes.inventory.selectors import stock_overview
from processes.production.models import ManufacturingOrder
from processes.sales.models import SalesOrder

CENT, STEP, ZERO = Decimal("0.01"), Decimal("0.001"), Decimal("0.00")
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
    """{"net", "tax", "gross", "count", "currencies"} of the orders confirmed that day and
    not cancelled since, in the company currency: net before tax, gross with it. Each
    order in another currency is converted with the rate it stores, rounded per order;
    `currencies` lists, per such currency, its own sums and the rates used."""
    start, end = day_bounds(day)
    rows = SalesOrder.objects.filter(
        confirmed_at__gte=start,
        confirmed_at__lt=end,
        status__in=[SalesOrder.Status.CONFIRMED, SalesOrder.Status.DONE],
    ).values_list("currency", "exchange_rate", "exchange_rate_date", "net_total", "total")
    net = gross = ZERO
    count = 0
    foreign: dict[str, dict] = {}
    for currency, rate, rate_date, order_net, order_gross in rows:
        count += 1
        net += to_company(order_net, rate)
        gross += to_company(order_gross, rate)
        if currency == company_currency():
            continue
        row = foreign.setdefault(
            currency, {"currency": currency, "orders": 0, "net": ZERO, "gross": ZERO, "rates": {}}
        )
        row["orders"] += 1
        row["net"] += Decimal(order_net)
        row["gross"] += Decimal(order_gross)
        row["rates"][Decimal(rate).normalize()] = rate_date
    currencies = [
        {
            **row,
            "rates": [
                {"rate": str(rate), "date": rate_date.isoformat() if rate_date else None}
                for rate, rate_date in sorted(row["rates"].items())
            ],
        }
        for _code, row in sorted(foreign.items())
    ]
    return {
        "net": net,
        "tax": gross - net,
        "gross": gross,
        "count": count,
        "currencies": currencies,
    }


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
        "sales_by_currency": [
            {**row, "net": str(row["net"]), "gross": str(row["gross"])}
            for row in sales["currencies"]
        ],
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
        **_foreign_sales(figures["sales_by_currency"]),
    }


def _foreign_sales(rows: list[dict]) -> dict:
    """Sales in other currencies, each with the rates its orders were converted at."""
    if not rows:
        return {}
    company = company_currency()
    return {
        "sales_by_currency": [
            {
                "currency": row["currency"],
                "orders": format_number(row["orders"]),
                "gross": format_money(Decimal(row["gross"]), row["currency"]),
                "rate": ", ".join(
                    _("1 %(currency)s = %(rate)s on %(date)s")
                    % {
                        "currency": row["currency"],
                        "rate": format_money(Decimal(rate["rate"]), company, digits=False),
                        "date": formats.date_format(date.fromisoformat(rate["date"])),
                    }
                    for rate in row["rates"]
                    if rate["date"]
                ),
            }
            for row in rows
        ]
    }
