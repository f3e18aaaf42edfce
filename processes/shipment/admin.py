"""Admin for shipments; they move only through the services."""

from django.contrib import admin

from processes.common.admin import ReadOnlyInline, ServiceManagedAdmin
from processes.shipment.models import Package, Shipment, ShipmentLine


class LineInline(ReadOnlyInline):
    model = ShipmentLine
    fields = ["order_line", "product", "warehouse", "quantity", "reservation"]


class PackageInline(ReadOnlyInline):
    model = Package
    fields = ["weight_kg", "dimensions"]


@admin.register(Shipment)
class ShipmentAdmin(ServiceManagedAdmin):
    list_display = ["number", "order", "status", "carrier", "tracking_number", "shipped_at"]
    list_filter = ["status", "carrier"]
    list_select_related = ["order"]
    search_fields = ["number", "order__number", "tracking_number"]
    inlines = [LineInline, PackageInline]
