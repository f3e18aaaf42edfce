"""Writes of the production app. Callers use `from processes.production import services`."""

from processes.production.services.boms import bom_create
from processes.production.services.orders import (
    ComponentReservation,
    ComponentShortage,
    manufacturing_order_plan,
    mo_cancel,
    mo_finish,
    mo_quality_check,
    mo_record_output,
    mo_reserve_components,
    mo_start,
)

__all__ = [
    "ComponentReservation",
    "ComponentShortage",
    "bom_create",
    "manufacturing_order_plan",
    "mo_cancel",
    "mo_finish",
    "mo_quality_check",
    "mo_record_output",
    "mo_reserve_components",
    "mo_start",
]
