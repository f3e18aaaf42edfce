"""Reads of the inventory: stock per product, the overview, reorder needs, the ledger."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from processes.catalog.models import Product
from processes.inventory.models import ReorderRule, Reservation, StockLevel, StockMove, Warehouse

QUANTITY_FIELD = DecimalField(max_digits=14, decimal_places=3)
ZERO = Value(Decimal("0.000"), output_field=QUANTITY_FIELD)


@dataclass(frozen=True)
class WarehouseStock:
    warehouse: Warehouse
    on_hand: Decimal
    reserved: Decimal

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


@dataclass(frozen=True)
class ProductStock:
    product: Product
    on_hand: Decimal
    reserved: Decimal
    available: Decimal
    warehouses: list[WarehouseStock]


@dataclass(frozen=True)
class ReorderNeed:
    rule: ReorderRule
    available: Decimal
    quantity_to_order: Decimal  # enough to come back up to the rule's maximum


def product_stock(product: Product) -> ProductStock:
    """The product's on hand / reserved / available, in total and per warehouse."""
    levels = StockLevel.objects.filter(product=product).select_related("warehouse")
    rows = [
        WarehouseStock(warehouse=level.warehouse, on_hand=level.on_hand, reserved=level.reserved)
        for level in levels.order_by("warehouse__code")
    ]
    on_hand = sum((row.on_hand for row in rows), Decimal("0.000"))
    reserved = sum((row.reserved for row in rows), Decimal("0.000"))
    return ProductStock(
        product=product,
        on_hand=on_hand,
        reserved=reserved,
        available=on_hand - reserved,
        warehouses=rows,
    )


def available_quantity(*, product: Product, warehouse: Warehouse | None = None) -> Decimal:
    """What may still be reserved or issued: in one warehouse, or summed over all."""
    levels = StockLevel.objects.filter(product=product)
    if warehouse is not None:
        levels = levels.filter(warehouse=warehouse)
    total = levels.aggregate(total=Coalesce(Sum(F("on_hand") - F("reserved")), ZERO))["total"]
    return total


def products_with_stock(queryset: QuerySet[Product] | None = None) -> QuerySet[Product]:
    """Products annotated with on_hand, reserved and available summed over warehouses.

    Sums over one reverse relation, in the same query as the products themselves.
    """
    queryset = Product.objects.all() if queryset is None else queryset
    # Meta.ordering is dropped from aggregating queries; keep the rows in SKU order.
    return (
        queryset.order_by(*queryset.query.order_by or ["sku"])
        .annotate(
            on_hand=Coalesce(Sum("stock_levels__on_hand"), ZERO, output_field=QUANTITY_FIELD),
            reserved=Coalesce(Sum("stock_levels__reserved"), ZERO, output_field=QUANTITY_FIELD),
        )
        .annotate(available=F("on_hand") - F("reserved"))
    )


def stock_overview() -> QuerySet[Product]:
    """Every active product with its stock totals, by SKU (the managers' stock view)."""
    return products_with_stock(Product.objects.filter(is_active=True)).order_by("sku")


def products_below_reorder() -> list[ReorderNeed]:
    """Reorder rules whose product's available stock in the warehouse is below min_qty."""
    level = StockLevel.objects.filter(product=OuterRef("product"), warehouse=OuterRef("warehouse"))
    available = Coalesce(
        Subquery(level.annotate(a=F("on_hand") - F("reserved")).values("a")[:1]),
        ZERO,
        output_field=QUANTITY_FIELD,
    )
    rules = (
        ReorderRule.objects.select_related("product", "warehouse")
        .annotate(available=available)
        .filter(available__lt=F("min_qty"), product__is_active=True)
        .order_by("product__sku", "warehouse__code")
    )
    return [
        ReorderNeed(
            rule=rule, available=rule.available, quantity_to_order=rule.max_qty - rule.available
        )
        for rule in rules
    ]


def warehouse_list(*, active: bool | None = None) -> QuerySet[Warehouse]:
    qs = Warehouse.objects.all()
    return qs if active is None else qs.filter(is_active=active)


def warehouse_choices() -> list[tuple[int, str]]:
    """(id, "CODE name") of the active warehouses, for form choice lists."""
    return [
        (pk, f"{code} {name}")
        for pk, code, name in warehouse_list(active=True).values_list("id", "code", "name")
    ]


def stock_move_list() -> QuerySet[StockMove]:
    return StockMove.objects.select_related("product", "warehouse", "user")


def reservation_list() -> QuerySet[Reservation]:
    return Reservation.objects.select_related("product", "warehouse", "user")


def active_reservations(*, reference: str) -> QuerySet[Reservation]:
    """The active reservations made for `reference` (an order number ...)."""
    return reservation_list().filter(reference=reference, status=Reservation.Status.ACTIVE)


def ledger_totals(*, product: Product, warehouse: Warehouse) -> tuple[Decimal, Decimal]:
    """(on_hand, reserved) as the ledger adds them up; they equal the stock level's."""
    reserved_kinds = Q(kind__in=StockMove.RESERVED_KINDS)
    totals = StockMove.objects.filter(product=product, warehouse=warehouse).aggregate(
        on_hand=Coalesce(Sum("quantity", filter=~reserved_kinds), ZERO),
        reserved=Coalesce(Sum("quantity", filter=reserved_kinds), ZERO),
    )
    return totals["on_hand"], totals["reserved"]


def product_sale_choices() -> list[tuple[int, str]]:
    """(id, "SKU name · list price · available") of the active products, for entering an
    order: the seller sees the price and what is in stock while choosing."""
    from django.conf import settings
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from processes.common.money import format_money

    currency = settings.HYPERCRM.get("COMPANY_CURRENCY", "EUR")
    products = products_with_stock(Product.objects.filter(is_active=True)).order_by("sku")
    choices = []
    for product in products:
        available = number_format(product.available, decimal_pos=0, force_grouping=True)
        choices.append(
            (
                product.pk,
                _("%(sku)s %(name)s · %(price)s · %(available)s available")
                % {
                    "sku": product.sku,
                    "name": product.name,
                    "price": format_money(product.list_price, currency),
                    "available": available,
                },
            )
        )
    return choices
