"""The catalogue API: /api/products/ (with stock totals), /api/price-lists/,
/api/customer-prices/. Rights: processes.access.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from processes.catalog import imports, selectors, services
from processes.catalog.models import CustomerPrice, PriceList, PriceListItem, Product
from processes.common.filters import boolean, choice, integer
from processes.common.import_api import ImportSerializer, import_answer
from processes.common.viewsets import BusinessViewSet
from processes.inventory.models import StockLevel
from processes.inventory.selectors import products_with_stock

QUANTITY = {"max_digits": 14, "decimal_places": 3, "read_only": True}


class WarehouseStockSerializer(serializers.ModelSerializer):
    warehouse_code = serializers.CharField(source="warehouse.code", read_only=True)
    available = serializers.DecimalField(**QUANTITY)

    class Meta:
        model = StockLevel
        fields = ["warehouse", "warehouse_code", "on_hand", "reserved", "available"]


class ProductSerializer(serializers.ModelSerializer):
    on_hand = serializers.DecimalField(**QUANTITY)
    reserved = serializers.DecimalField(**QUANTITY)
    available = serializers.DecimalField(**QUANTITY)

    class Meta:
        model = Product
        fields = [
            "id",
            "sku",
            "name",
            "kind",
            "unit",
            "description",
            "list_price",
            "standard_cost",
            "weight_kg",
            "default_supplier",
            "tax_rate",
            "is_active",
            "on_hand",
            "reserved",
            "available",
        ]

    def validate(self, attrs):
        if self.instance is not None and "sku" in attrs and attrs["sku"] != self.instance.sku:
            raise serializers.ValidationError({"sku": [_("The SKU of a product cannot change.")]})
        return attrs


class ProductDetailSerializer(ProductSerializer):
    stock = WarehouseStockSerializer(source="stock_levels", many=True, read_only=True)

    class Meta(ProductSerializer.Meta):
        fields = [*ProductSerializer.Meta.fields, "stock"]


class PriceListItemSerializer(serializers.ModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = PriceListItem
        fields = ["id", "product", "sku", "min_quantity", "price"]
        validators = []  # the service replaces the price of an existing quantity break


class PriceListSerializer(serializers.ModelSerializer):
    items = PriceListItemSerializer(many=True, read_only=True)

    class Meta:
        model = PriceList
        fields = ["id", "name", "currency", "is_active", "notes", "items"]


class CustomerPriceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustomerPrice
        fields = ["id", "party", "product", "price", "discount_percent"]
        validators = []  # setting a party's price for a product again replaces it

    def validate(self, attrs):
        instance = self.instance
        for name in ("party", "product"):
            if instance is not None and name in attrs and attrs[name] != getattr(instance, name):
                raise serializers.ValidationError({name: [_("This cannot change; add a new one.")]})
        return attrs


class ProductViewSet(BusinessViewSet):
    """Rows carry on_hand / reserved / available summed over warehouses (one query);
    the detail adds the per-warehouse `stock` rows.
    """

    record_kind = "products"
    filter_params = {
        "kind": ("kind", choice(Product.Kind)),
        "active": ("is_active", boolean),
        "supplier": ("default_supplier_id", integer),
    }
    search_fields = ["sku", "name"]
    ordering_fields = ["sku", "name", "list_price", "available"]

    def get_queryset(self):
        qs = products_with_stock(selectors.product_list())
        if self.action != "list":
            levels = StockLevel.objects.select_related("warehouse").order_by("warehouse__code")
            qs = qs.prefetch_related(Prefetch("stock_levels", queryset=levels))
        return qs

    def get_serializer_class(self):
        return ProductSerializer if self.action == "list" else ProductDetailSerializer

    def create_record(self, data, user):
        return services.product_create(**data)

    def update_record(self, instance, data, user):
        data.pop("sku", None)
        return services.product_update(product=instance, data=data)

    @extend_schema(request=ImportSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def import_file(self, request):
        """A CSV or XLSX file of products with their prices (`file`, or `csv` as text), all
        or nothing; a known SKU updates its product: 201 {"created", "updated", "prices"};
        with `dry_run` 200 {"valid", "lines"}; 400 {"detail", "errors": [{"line", "column",
        "message"}]} and nothing stored."""
        return import_answer(
            request,
            imports.products_import,
            lambda r: {"created": r.created, "updated": r.updated, "prices": r.prices},
        )


class PriceListViewSet(BusinessViewSet):
    serializer_class = PriceListSerializer
    record_kind = "prices"
    filter_params = {"active": ("is_active", boolean)}
    search_fields = ["name"]

    def get_queryset(self):
        return selectors.price_list_list()

    def create_record(self, data, user):
        return services.price_list_create(**data)

    def update_record(self, instance, data, user):
        return services.price_list_update(price_list=instance, data=data)

    @action(detail=True, methods=["post"], serializer_class=PriceListItemSerializer)
    def items(self, request, pk=None):
        """Set a product's price on the list: {"product", "price", "min_quantity"?}."""
        price_list = self.get_object()
        serializer = PriceListItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.price_list_set_price(price_list=price_list, **serializer.validated_data)
        return Response(
            PriceListSerializer(self.reread(price_list)).data, status=status.HTTP_201_CREATED
        )


class CustomerPriceViewSet(mixins.DestroyModelMixin, BusinessViewSet):
    """A party's own prices; POST for a party and product it already has replaces it."""

    serializer_class = CustomerPriceSerializer
    record_kind = "prices"
    filter_params = {"party": ("party_id", integer), "product": ("product_id", integer)}

    def get_queryset(self):
        return CustomerPrice.objects.select_related("party", "product")

    def create_record(self, data, user):
        return services.customer_price_set(**data)

    def update_record(self, instance, data, user):
        return services.customer_price_set(
            party=instance.party,
            product=instance.product,
            price=data.get("price"),
            discount_percent=data.get("discount_percent"),
        )

    def perform_destroy(self, instance):
        services.customer_price_remove(customer_price=instance)
