"""Reads of the production app: BOMs with lines, manufacturing orders with components."""

from django.db.models import Prefetch, QuerySet

from processes.production.models import (
    BillOfMaterials,
    BomLine,
    ManufacturingOrder,
    ManufacturingOrderComponent,
)


def bom_list() -> QuerySet[BillOfMaterials]:
    lines = BomLine.objects.select_related("component")
    return BillOfMaterials.objects.select_related("product").prefetch_related(
        Prefetch("lines", queryset=lines)
    )


def active_bom(product) -> BillOfMaterials | None:
    return bom_list().filter(product=product, is_active=True).first()


def bom_tree(product, *, quantity=1, depth: int = 10) -> list[dict]:
    """The product's active BOM as nested rows {component, quantity, components: [...]},
    quantities for `quantity` units (for showing the two-level oak desk at a glance)."""
    bom = active_bom(product)
    if bom is None or depth <= 0:
        return []
    return [
        {
            "component": line.component,
            "quantity": line.quantity * quantity,
            "components": bom_tree(
                line.component, quantity=line.quantity * quantity, depth=depth - 1
            ),
        }
        for line in bom.lines.all()
    ]


def mo_list() -> QuerySet[ManufacturingOrder]:
    components = ManufacturingOrderComponent.objects.select_related("product")
    return ManufacturingOrder.objects.select_related(
        "product", "warehouse", "parent"
    ).prefetch_related(Prefetch("components", queryset=components), "sub_orders")
