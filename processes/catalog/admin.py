from django.contrib import admin

from processes.catalog.models import (
    CustomerPrice,
    ExchangeRate,
    PriceList,
    PriceListItem,
    Product,
    TaxRate,
)


class CustomerPriceInline(admin.TabularInline):
    model = CustomerPrice
    extra = 0
    autocomplete_fields = ["party"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["sku", "name", "kind", "unit", "list_price", "standard_cost", "is_active"]
    list_filter = ["kind", "unit", "is_active"]
    search_fields = ["sku", "name"]
    list_select_related = ["default_supplier"]
    inlines = [CustomerPriceInline]

    def get_readonly_fields(self, request, obj=None):
        # Documents and process variables refer to the SKU; it is set once.
        return ["sku"] if obj is not None else []


class PriceListItemInline(admin.TabularInline):
    model = PriceListItem
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ["name", "currency", "prices_include_tax", "is_active"]
    search_fields = ["name"]
    inlines = [PriceListItemInline]


@admin.register(CustomerPrice)
class CustomerPriceAdmin(admin.ModelAdmin):
    list_display = ["party", "product", "price", "discount_percent"]
    list_select_related = ["party", "product"]
    search_fields = ["party__name", "product__sku", "product__name"]


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = ["name", "rate", "country", "is_active"]
    list_filter = ["country", "is_active"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "day", "rate", "source"]
    list_filter = ["currency"]
    date_hierarchy = "day"
