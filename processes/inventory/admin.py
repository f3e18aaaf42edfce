"""Admin for stock. Levels, moves and reservations are read-only here: they change only
through inventory.services, which keep the ledger and the levels in step.
"""

from django.contrib import admin

from processes.inventory.models import ReorderRule, Reservation, StockLevel, StockMove, Warehouse


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name"]


@admin.register(StockLevel)
class StockLevelAdmin(ReadOnlyAdmin):
    list_display = ["product", "warehouse", "on_hand", "reserved", "available"]
    list_filter = ["warehouse"]
    list_select_related = ["product", "warehouse"]
    search_fields = ["product__sku", "product__name"]


@admin.register(StockMove)
class StockMoveAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "product", "warehouse", "quantity", "reference", "user"]
    list_filter = ["kind", "warehouse"]
    list_select_related = ["product", "warehouse", "user"]
    search_fields = ["product__sku", "reference"]
    date_hierarchy = "at"


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "product", "warehouse", "quantity", "reference", "status"]
    list_filter = ["status", "warehouse"]
    list_select_related = ["product", "warehouse"]
    search_fields = ["product__sku", "reference"]


@admin.register(ReorderRule)
class ReorderRuleAdmin(admin.ModelAdmin):
    list_display = ["product", "warehouse", "min_qty", "max_qty"]
    list_filter = ["warehouse"]
    list_select_related = ["product", "warehouse"]
    autocomplete_fields = ["product"]
