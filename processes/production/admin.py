"""Admin for production. Orders move only through the services; BOMs are made there too."""

from django.contrib import admin

from processes.common.admin import ReadOnlyInline, ServiceManagedAdmin
from processes.production.models import (
    BillOfMaterials,
    BomLine,
    ManufacturingOrder,
    ManufacturingOrderComponent,
)


class BomLineInline(ReadOnlyInline):
    model = BomLine
    fields = ["component", "quantity"]


class ComponentInline(ReadOnlyInline):
    model = ManufacturingOrderComponent
    fields = ["product", "quantity", "reserved_quantity"]


@admin.register(BillOfMaterials)
class BillOfMaterialsAdmin(ServiceManagedAdmin):
    list_display = ["product", "name", "is_active", "created_at"]
    list_filter = ["is_active"]
    list_select_related = ["product"]
    search_fields = ["product__sku", "name"]
    inlines = [BomLineInline]


@admin.register(ManufacturingOrder)
class ManufacturingOrderAdmin(ServiceManagedAdmin):
    list_display = ["number", "product", "quantity", "status", "produced_quantity", "reference"]
    list_filter = ["status"]
    list_select_related = ["product"]
    search_fields = ["number", "product__sku", "reference"]
    inlines = [ComponentInline]
