"""Sales by what was sold and by who looks after the customer, for a period: the orders
confirmed in it and not cancelled since (as the dashboard and the sales report count
them), each a grouped query; money per currency, ranked by its worth in the company
currency at each order's stored rate."""

from django.db.models import Count, DecimalField, ExpressionWrapper, F, QuerySet, Sum

from processes.kpis.periods import Period, cents, quantity
from processes.sales.models import SalesOrder, SalesOrderLine

MONEY = DecimalField(max_digits=24, decimal_places=8)
SOLD = (SalesOrder.Status.CONFIRMED, SalesOrder.Status.DONE)
TOP = 10


def confirmed_sales(period: Period) -> QuerySet[SalesOrder]:
    """The orders confirmed in the period and not cancelled since."""
    return SalesOrder.objects.filter(period.within("confirmed_at"), status__in=SOLD)


def sales_by_product(period: Period, *, limit: int = TOP) -> list[dict]:
    """The products sold most (by net worth), per currency: quantity and net line total."""
    worth = ExpressionWrapper(F("total") * F("order__exchange_rate"), MONEY)
    lines = SalesOrderLine.objects.filter(
        period.within("order__confirmed_at"), order__status__in=SOLD
    )
    rows = (
        lines.values(
            "product_id", "product__sku", "product__name", "product__unit", "order__currency"
        )
        .annotate(orders=Count("order_id", distinct=True), sold=Sum("quantity"))
        .annotate(net=Sum("total"), worth=Sum(worth))
        .order_by("-worth", "product__sku", "order__currency")[:limit]
    )
    return [
        {
            "product_id": row["product_id"],
            "sku": row["product__sku"],
            "name": row["product__name"],
            "unit": row["product__unit"],
            "currency": row["order__currency"],
            "orders": row["orders"],
            "quantity": quantity(row["sold"]),
            "net": cents(row["net"]),
        }
        for row in rows
    ]


def sales_by_salesperson(period: Period) -> list[dict]:
    """Per person who looks after the customers (None: nobody does) and currency: orders,
    net and gross totals, ranked by the net worth in the company currency."""
    worth = ExpressionWrapper(F("net_total") * F("exchange_rate"), MONEY)
    rows = (
        confirmed_sales(period)
        .values(
            "party__owner_id",
            "party__owner__username",
            "party__owner__first_name",
            "party__owner__last_name",
            "currency",
        )
        .annotate(orders=Count("id"), net=Sum("net_total"), gross=Sum("total"), worth=Sum(worth))
        .order_by("-worth", "party__owner__username", "currency")
    )
    return [
        {
            "person_id": row["party__owner_id"],
            "name": " ".join(
                part
                for part in (row["party__owner__first_name"], row["party__owner__last_name"])
                if part
            )
            or row["party__owner__username"],
            "currency": row["currency"],
            "orders": row["orders"],
            "net": cents(row["net"]),
            "gross": cents(row["gross"]),
        }
        for row in rows
    ]
