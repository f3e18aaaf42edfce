"""Bills of materials: what one unit of a manufactured product is made of."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from processes.catalog.models import Product
from processes.common.errors import invalid
from processes.production.models import BillOfMaterials, BomLine

STEP = Decimal("0.001")


@transaction.atomic
def bom_create(
    *, product: Product, lines: list[dict], name: str = "", notes: str = "", activate: bool = True
) -> BillOfMaterials:
    """A BOM for a manufactured product: lines [{"component", "quantity"}] per unit.

    With `activate` (the default) it replaces the product's active BOM. A component may
    not be the product itself, nor be made (at any depth) from the product.
    """
    if product.kind != Product.Kind.MANUFACTURED:
        raise invalid(
            "product",
            _(
                "%(product)s is bought, not made: only a manufactured product has a bill "
                "of materials."
            )
            % {"product": product.name},
        )
    rows = _lines(product, lines)
    if activate:
        BillOfMaterials.objects.select_for_update().filter(product=product, is_active=True).update(
            is_active=False
        )
    bom = BillOfMaterials.objects.create(
        product=product, name=name or f"{product.sku} BOM", notes=notes, is_active=activate
    )
    BomLine.objects.bulk_create(
        BomLine(bom=bom, component=component, quantity=quantity) for component, quantity in rows
    )
    return bom


def _lines(product: Product, lines: list[dict]) -> list[tuple[Product, Decimal]]:
    if not lines:
        raise invalid("lines", _("A bill of materials needs at least one component."))
    rows, seen = [], set()
    for number, line in enumerate(lines, start=1):
        component = line["component"]
        if not isinstance(component, Product):
            component = Product.objects.get(pk=int(component))
        quantity = Decimal(str(line["quantity"]))
        if not quantity.is_finite() or quantity <= 0 or quantity != quantity.quantize(STEP):
            raise invalid(
                "lines",
                _("Line %(number)s: the quantity must be above zero (3 decimals).")
                % {"number": number},
            )
        if component.pk in seen:
            raise invalid(
                "lines",
                _("Line %(number)s: %(component)s is listed twice.")
                % {"number": number, "component": component.name},
            )
        if component.pk == product.pk or product.pk in _made_from(component):
            raise invalid(
                "lines",
                _("Line %(number)s: %(component)s is made from %(product)s.")
                % {"number": number, "component": component.name, "product": product.name},
            )
        seen.add(component.pk)
        rows.append((component, quantity))
    return rows


def _made_from(product: Product, depth: int = 10) -> set[int]:
    """Ids of everything the product's active BOMs contain, down to `depth` levels."""
    found: set[int] = set()
    level = {product.pk}
    for _level in range(depth):
        level = (
            set(
                BomLine.objects.filter(bom__product_id__in=level, bom__is_active=True).values_list(
                    "component_id", flat=True
                )
            )
            - found
        )
        if not level:
            break
        found |= level
    return found
