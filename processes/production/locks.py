"""Row locks on manufacturing orders, in one place; always taken before any stock row."""

from processes.production.models import ManufacturingOrder


def lock_mo(mo: ManufacturingOrder) -> ManufacturingOrder:
    """Lock the manufacturing order and return it as the database has it now."""
    return ManufacturingOrder.objects.select_for_update().get(pk=mo.pk)
