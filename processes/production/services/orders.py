"""Manufacturing orders: plan from the BOM, reserve components, produce, check, finish."""

from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.catalog.models import Product
from processes.common.errors import InvalidTransition, invalid
from processes.common.money import format_number
from processes.common.numbering import assign_number
from processes.common.reserving import Need, main_warehouse, reserve_needs
from processes.common.statuses import status_word
from processes.inventory.selectors import active_reservations, available_quantity
from processes.inventory.services import (
    reservation_consume,
    reservation_release,
    stock_issue,
    stock_receive,
)
from processes.production.locks import lock_mo
from processes.production.models import (
    BillOfMaterials,
    ManufacturingOrder,
    ManufacturingOrderComponent,
)

Status = ManufacturingOrder.Status
STEP = Decimal("0.001")

# The step refused, as a whole sentence for the translators.
REFUSED = {
    "reserved": gettext_lazy(
        "Manufacturing order %(number)s is “%(status)s”; its components are reserved only "
        "before it starts."
    ),
    "started": gettext_lazy(
        "Manufacturing order %(number)s is “%(status)s”; it starts once its components "
        "are reserved."
    ),
    "output": gettext_lazy(
        "Manufacturing order %(number)s is “%(status)s”; its output is recorded only while "
        "it is in progress."
    ),
    "checked": gettext_lazy(
        "Manufacturing order %(number)s is “%(status)s”; it is not waiting for its quality check."
    ),
    "finished": gettext_lazy(
        "Manufacturing order %(number)s is “%(status)s”; it is finished only after its "
        "quality check."
    ),
    "cancelled": gettext_lazy(
        "Manufacturing order %(number)s is “%(status)s”; it cannot be cancelled."
    ),
}


@dataclass(frozen=True)
class ComponentShortage:
    component: ManufacturingOrderComponent
    quantity: Decimal


@dataclass
class ComponentReservation:
    mo: ManufacturingOrder
    short: list[ComponentShortage] = field(default_factory=list)

    @property
    def all_reserved(self) -> bool:
        return not self.short


def _quantity(value, name: str, *, allow_zero: bool = False) -> Decimal:
    quantity = Decimal(str(value))
    if not quantity.is_finite() or quantity < 0 or (quantity == 0 and not allow_zero):
        raise invalid(name, _("The quantity must be above zero."))
    if quantity != quantity.quantize(STEP):
        raise invalid(name, _("Quantities have at most three decimal places."))
    return quantity.quantize(STEP)


def _require(mo: ManufacturingOrder, *allowed: str, action: str) -> ManufacturingOrder:
    mo = lock_mo(mo)
    if mo.status not in allowed:
        raise InvalidTransition(REFUSED[action] % {"number": mo.number, "status": status_word(mo)})
    return mo


@transaction.atomic
def manufacturing_order_plan(
    *, product: Product, quantity, reference: str = "", warehouse=None, parent=None, user=None
) -> ManufacturingOrder:
    """Plan making `quantity` of a product from its active BOM, exploded one level.

    Each component becomes a line (BOM quantity × order quantity). A manufactured
    component of which less is available than needed gets its own planned order for the
    difference (`sub_orders`, referring to this one), so the two-level oak desk plans a
    desk order and, when frames are short, a frame order.
    """
    quantity = _quantity(quantity, "quantity")
    bom = BillOfMaterials.objects.filter(product=product, is_active=True).first()
    if bom is None:
        raise invalid(
            "product",
            _("%(product)s has no active bill of materials: set one up first.")
            % {"product": product.name},
        )
    mo = ManufacturingOrder.objects.create(
        product=product,
        bom=bom,
        quantity=quantity,
        warehouse=main_warehouse(warehouse),
        reference=reference,
        parent=parent,
        created_by=user,
    )
    assign_number(mo, "MO")
    for line in bom.lines.select_related("component"):
        needed = (line.quantity * quantity).quantize(STEP, rounding=ROUND_UP)
        ManufacturingOrderComponent.objects.create(
            order=mo, product=line.component, quantity=needed
        )
        if line.component.kind == Product.Kind.MANUFACTURED:
            missing = needed - available_quantity(product=line.component)
            if missing > 0:
                manufacturing_order_plan(
                    product=line.component,
                    quantity=missing,
                    reference=mo.number,
                    warehouse=mo.warehouse,
                    parent=mo,
                    user=user,
                )
    return mo


@transaction.atomic
def mo_reserve_components(*, mo: ManufacturingOrder, user=None) -> ComponentReservation:
    """Reserve what each component still lacks; planned → components reserved once all are.

    Short components are listed with the missing quantity; call again when they arrive.
    """
    mo = _require(mo, Status.PLANNED, Status.COMPONENTS_RESERVED, action="reserved")
    components = list(mo.components.select_related("product"))
    needs = [Need(c, c.product, c.quantity - c.reserved_quantity) for c in components]
    result = ComponentReservation(mo=mo)
    for outcome in reserve_needs(needs, reference=mo.number, user=user):
        component = outcome.need.key
        if outcome.reservations:
            component.reserved_quantity += outcome.reserved
            component.save(update_fields=["reserved_quantity"])
        if outcome.short > 0:
            result.short.append(ComponentShortage(component=component, quantity=outcome.short))
    if result.all_reserved and mo.status == Status.PLANNED:
        mo.status = Status.COMPONENTS_RESERVED
        mo.save(update_fields=["status"])
    return result


@transaction.atomic
def mo_start(*, mo: ManufacturingOrder, user=None) -> ManufacturingOrder:
    """Components reserved → in progress."""
    mo = _require(mo, Status.COMPONENTS_RESERVED, action="started")
    mo.status, mo.started_at = Status.IN_PROGRESS, timezone.now()
    mo.save(update_fields=["status", "started_at"])
    return mo


@transaction.atomic
def mo_record_output(*, mo: ManufacturingOrder, produced, scrap=0, user=None) -> ManufacturingOrder:
    """In progress → quality check, with the good units made and the scrapped ones
    (together at most the ordered quantity)."""
    mo = _require(mo, Status.IN_PROGRESS, action="output")
    produced = _quantity(produced, "produced", allow_zero=True)
    scrap = _quantity(scrap, "scrap", allow_zero=True)
    if produced + scrap == 0 or produced + scrap > mo.quantity:
        raise invalid(
            "produced",
            _(
                "Produced and scrapped together must be more than zero and at most "
                "%(quantity)s, the quantity of %(number)s."
            )
            % {"quantity": format_number(mo.quantity), "number": mo.number},
        )
    mo.produced_quantity, mo.scrap_quantity = produced, scrap
    mo.status, mo.quality_passed = Status.QUALITY_CHECK, None
    mo.save(update_fields=["produced_quantity", "scrap_quantity", "status", "quality_passed"])
    return mo


@transaction.atomic
def mo_quality_check(*, mo: ManufacturingOrder, passed: bool, user=None) -> ManufacturingOrder:
    """Record quality control: passed, it may be finished; failed, it goes back to
    production (in progress, output cleared) to be reworked and recorded again."""
    mo = _require(mo, Status.QUALITY_CHECK, action="checked")
    mo.quality_passed = bool(passed)
    if not passed:
        mo.status, mo.produced_quantity, mo.scrap_quantity = Status.IN_PROGRESS, 0, 0
    mo.save(update_fields=["quality_passed", "status", "produced_quantity", "scrap_quantity"])
    return mo


@transaction.atomic
def mo_finish(*, mo: ManufacturingOrder, user=None) -> ManufacturingOrder:
    """Quality check passed → done: the reserved components are consumed, the output goes
    into stock (`production_in`) and the scrapped part of it out again (`scrap`)."""
    mo = _require(mo, Status.QUALITY_CHECK, action="finished")
    if not mo.quality_passed:
        raise InvalidTransition(
            _("Manufacturing order %(number)s has not passed its quality check.")
            % {"number": mo.number}
        )
    for reservation in active_reservations(reference=mo.number):
        reservation_consume(reservation=reservation, kind="consumption", user=user)
    made = mo.produced_quantity + mo.scrap_quantity
    stock_receive(
        product=mo.product,
        warehouse=mo.warehouse,
        quantity=made,
        reference=mo.number,
        kind="production_in",
        user=user,
    )
    if mo.scrap_quantity > 0:
        stock_issue(
            product=mo.product,
            warehouse=mo.warehouse,
            quantity=mo.scrap_quantity,
            reference=mo.number,
            kind="scrap",
            user=user,
        )
    mo.status, mo.finished_at = Status.DONE, timezone.now()
    mo.save(update_fields=["status", "finished_at"])
    return mo


@transaction.atomic
def mo_cancel(*, mo: ManufacturingOrder, user=None) -> ManufacturingOrder:
    """Cancel an order not yet in quality check; its reserved components are released
    and its sub-orders that have not started are cancelled with it."""
    allowed = (Status.PLANNED, Status.COMPONENTS_RESERVED, Status.IN_PROGRESS)
    mo = _require(mo, *allowed, action="cancelled")
    for reservation in active_reservations(reference=mo.number):
        reservation_release(reservation=reservation, user=user)
    mo.components.update(reserved_quantity=0)
    mo.status = Status.CANCELLED
    mo.save(update_fields=["status"])
    for sub in mo.sub_orders.filter(status__in=[Status.PLANNED, Status.COMPONENTS_RESERVED]):
        mo_cancel(mo=sub, user=user)
    return mo
