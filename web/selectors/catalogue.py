"""Reads of the catalogue and stock pages: products with their stock, one product with its
prices, stock per warehouse and ledger, and the stock list per product × warehouse."""

from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from processes.catalog.models import CustomerPrice, PriceListItem, Product
from processes.inventory.models import ReorderRule, StockLevel, StockMove, Warehouse
from processes.inventory.selectors import product_stock, products_with_stock

CURRENCY = "EUR"  # the company's: prices without a price list are in it
PRODUCT_KINDS = {
    Product.Kind.STOCKED: _("Stocked"),
    Product.Kind.MANUFACTURED: _("Manufactured"),
    Product.Kind.PURCHASED: _("Purchased"),
}
MOVE_KINDS = {
    StockMove.Kind.RECEIPT: _("Receipt"),
    StockMove.Kind.ISSUE: _("Issue"),
    StockMove.Kind.ADJUSTMENT: _("Adjustment"),
    StockMove.Kind.RESERVATION: _("Reservation"),
    StockMove.Kind.RELEASE: _("Release"),
    StockMove.Kind.PRODUCTION_IN: _("Produced"),
    StockMove.Kind.CONSUMPTION: _("Consumed"),
    StockMove.Kind.SCRAP: _("Scrap"),
    StockMove.Kind.TRANSFER: _("Transfer"),
}
PRODUCT_SORTS = {"sku": _("SKU"), "name": _("Name"), "-available": _("Most available first")}
_PRODUCT_ORDER = {"sku": ("sku",), "name": ("name", "sku"), "-available": ("-available", "sku")}


@dataclass(frozen=True)
class ProductFilters:
    q: str = ""
    kind: str = ""
    sort: str = "sku"

    @classmethod
    def from_query(cls, query) -> "ProductFilters":
        kind, sort = query.get("kind", ""), query.get("sort", "sku")
        return cls(
            q=query.get("q", "").strip()[:200],
            kind=kind if kind in PRODUCT_KINDS else "",
            sort=sort if sort in PRODUCT_SORTS else "sku",
        )

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.kind)


def product_search(filters: ProductFilters) -> QuerySet[Product]:
    """Active products with their stock totals: the SKU's start or part of the name."""
    qs = Product.objects.filter(is_active=True)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = qs.filter(Q(sku__istartswith=filters.q) | Q(name__icontains=filters.q))
    return products_with_stock(qs).order_by(*_PRODUCT_ORDER[filters.sort])


def product_rows(products: QuerySet[Product]):
    header = [_("SKU"), _("Name"), _("Kind"), _("Unit"), _("List price")]
    header += [_("On hand"), _("Reserved"), _("Available")]
    rows = (
        [
            p.sku,
            p.name,
            str(PRODUCT_KINDS.get(p.kind, p.kind)),
            p.unit,
            p.list_price,
            p.on_hand,
            p.reserved,
            p.available,
        ]
        for p in products.iterator(chunk_size=2000)
    )
    return [str(h) for h in header], rows


def product_page(product: Product, *, ledger: int = 50) -> dict:
    """What the product page shows: stock per warehouse with the reorder rule of each,
    its prices, and the newest lines of its ledger."""
    rules = {rule.warehouse_id: rule for rule in ReorderRule.objects.filter(product=product)}
    stock = product_stock(product)
    return {
        "stock": stock,
        "levels": [(row, rules.get(row.warehouse.pk)) for row in stock.warehouses],
        "rules": rules,
        "list_prices": list(
            PriceListItem.objects.filter(product=product)
            .select_related("price_list")
            .order_by("price_list__name", "min_quantity")
        ),
        "customer_prices": list(
            CustomerPrice.objects.filter(product=product)
            .select_related("party")
            .order_by("party__name")
        ),
        "ledger": list(
            StockMove.objects.filter(product=product)
            .select_related("warehouse", "user")
            .order_by("-at", "-id")[:ledger]
        ),
        "warehouses": list(Warehouse.objects.filter(is_active=True).order_by("code")),
    }


@dataclass(frozen=True)
class StockFilters:
    q: str = ""
    warehouse: int | None = None
    low: bool = False  # only levels below their reorder minimum

    @classmethod
    def from_query(cls, query) -> "StockFilters":
        raw = query.get("warehouse", "")
        return cls(
            q=query.get("q", "").strip()[:200],
            warehouse=int(raw) if raw.isdigit() else None,
            low=query.get("low") == "1",
        )

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.warehouse or self.low)


def stock_levels(filters: StockFilters) -> QuerySet[StockLevel]:
    """Stock per product × warehouse, with the reorder minimum, by SKU then warehouse."""
    rule = ReorderRule.objects.filter(product=OuterRef("product"), warehouse=OuterRef("warehouse"))
    qs = (
        StockLevel.objects.filter(product__is_active=True)
        .select_related("product", "warehouse")
        .annotate(available_qty=F("on_hand") - F("reserved"))
        .annotate(min_qty=Subquery(rule.values("min_qty")[:1]))
    )
    if filters.warehouse:
        qs = qs.filter(warehouse_id=filters.warehouse)
    if filters.q:
        qs = qs.filter(
            Q(product__sku__istartswith=filters.q) | Q(product__name__icontains=filters.q)
        )
    if filters.low:
        qs = qs.filter(min_qty__isnull=False, available_qty__lt=F("min_qty"))
    return qs.order_by("product__sku", "warehouse__code")


def stock_rows(levels: QuerySet[StockLevel]):
    header = [_("SKU"), _("Product"), _("Warehouse"), _("On hand"), _("Reserved")]
    header += [_("Available"), _("Reorder below")]
    rows = (
        [
            level.product.sku,
            level.product.name,
            str(level.warehouse),
            level.on_hand,
            level.reserved,
            level.available_qty,
            level.min_qty if level.min_qty is not None else "",
        ]
        for level in levels.iterator(chunk_size=2000)
    )
    return [str(h) for h in header], rows
