"""Purchase requests: what is needed, made by a person, a reorder rule or a shortage."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from processes.catalog.models import Product
from processes.common.errors import InvalidTransition, invalid
from processes.common.money import format_number
from processes.common.statuses import status_word
from processes.inventory.selectors import products_below_reorder
from processes.procurement.locks import lock_requests
from processes.procurement.models import PurchaseRequest

Status = PurchaseRequest.Status
STEP = Decimal("0.001")


@transaction.atomic
def purchase_request_create(
    *,
    product: Product,
    quantity,
    reason: str = PurchaseRequest.Reason.MANUAL,
    reference: str = "",
    warehouse=None,
    user=None,
) -> PurchaseRequest:
    """Ask for `quantity` of a product that is bought (not made), saying why."""
    if product.kind == Product.Kind.MANUFACTURED:
        raise invalid(
            "product",
            _("%(product)s is made here, not bought: plan a manufacturing order instead.")
            % {"product": product.name},
        )
    if reason not in PurchaseRequest.Reason.values:
        raise invalid(
            "reason",
            _("The reason is one of: %(allowed)s.")
            % {"allowed": ", ".join(PurchaseRequest.Reason.values)},
        )
    quantity = Decimal(str(quantity))
    if not quantity.is_finite() or quantity <= 0 or quantity != quantity.quantize(STEP):
        raise invalid("quantity", _("The quantity must be above zero (at most 3 decimals)."))
    return PurchaseRequest.objects.create(
        product=product,
        quantity=quantity.quantize(STEP),
        reason=reason,
        reference=reference,
        warehouse=warehouse,
        requested_by=user,
    )


@transaction.atomic
def purchase_request_cancel(*, request: PurchaseRequest, user=None) -> PurchaseRequest:
    """Open → cancelled (no longer needed)."""
    (request,) = lock_requests([request])
    if request.status != Status.OPEN:
        raise InvalidTransition(
            _(
                "The purchase request for %(quantity)s × %(product)s is “%(status)s”; only an "
                "open request can be cancelled."
            )
            % {
                "quantity": format_number(request.quantity),
                "product": request.product.name,
                "status": status_word(request),
            }
        )
    request.status = Status.CANCELLED
    request.save(update_fields=["status"])
    return request


@transaction.atomic
def purchase_requests_from_reorder_rules(*, user=None) -> list[PurchaseRequest]:
    """A request for each reorder rule whose product is below its minimum, enough to come
    back up to the maximum; a rule that already has an open or ordered request is skipped."""
    pending = set(
        PurchaseRequest.objects.filter(
            reason=PurchaseRequest.Reason.REORDER, status__in=[Status.OPEN, Status.ORDERED]
        ).values_list("product_id", "warehouse_id")
    )
    created = []
    for need in products_below_reorder():
        rule = need.rule
        if (rule.product_id, rule.warehouse_id) in pending or rule.product.kind == "manufactured":
            continue
        created.append(
            purchase_request_create(
                product=rule.product,
                quantity=need.quantity_to_order,
                reason=PurchaseRequest.Reason.REORDER,
                reference=f"Reorder rule {rule.product.sku} @ {rule.warehouse.code}",
                warehouse=rule.warehouse,
                user=user,
            )
        )
    return created
