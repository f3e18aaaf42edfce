"""Shapes of the production API. They validate input; the services do the rest."""

from rest_framework import serializers

from processes.catalog.models import Product
from processes.inventory.models import Warehouse
from processes.production.models import (
    BillOfMaterials,
    BomLine,
    ManufacturingOrder,
    ManufacturingOrderComponent,
)

QUANTITY = {"max_digits": 14, "decimal_places": 3}


class BomLineSerializer(serializers.ModelSerializer):
    component = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    sku = serializers.CharField(source="component.sku", read_only=True)
    kind = serializers.CharField(source="component.kind", read_only=True)

    class Meta:
        model = BomLine
        fields = ["id", "component", "sku", "kind", "quantity"]


class BomSerializer(serializers.ModelSerializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    sku = serializers.CharField(source="product.sku", read_only=True)
    lines = BomLineSerializer(many=True)

    class Meta:
        model = BillOfMaterials
        fields = ["id", "product", "sku", "name", "is_active", "notes", "created_at", "lines"]
        read_only_fields = ["is_active", "created_at"]
        validators = []  # a new BOM replaces the active one (services.bom_create)


class ComponentSerializer(serializers.ModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = ManufacturingOrderComponent
        fields = ["id", "product", "sku", "quantity", "reserved_quantity"]


class ManufacturingOrderSerializer(serializers.ModelSerializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    sku = serializers.CharField(source="product.sku", read_only=True)
    warehouse = serializers.PrimaryKeyRelatedField(
        queryset=Warehouse.objects.filter(is_active=True), required=False
    )
    components = ComponentSerializer(many=True, read_only=True)
    sub_orders = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ManufacturingOrder
        fields = ["id", "number", "product", "sku", "quantity", "warehouse", "status"]
        fields += ["produced_quantity", "scrap_quantity", "quality_passed", "reference"]
        fields += ["parent", "sub_orders", "bom", "created_at", "started_at", "finished_at"]
        fields += ["components"]
        read_only_fields = ["status", "produced_quantity", "scrap_quantity", "quality_passed"]
        read_only_fields += ["parent", "bom", "created_at", "started_at", "finished_at"]


class OutputSerializer(serializers.Serializer):
    produced = serializers.DecimalField(**QUANTITY, min_value=0)
    scrap = serializers.DecimalField(**QUANTITY, min_value=0, default=0)


class QualitySerializer(serializers.Serializer):
    passed = serializers.BooleanField()


class ShortComponentSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    sku = serializers.CharField()
    kind = serializers.CharField()
    quantity = serializers.DecimalField(**QUANTITY)


class ComponentReservationSerializer(serializers.Serializer):
    all_reserved = serializers.BooleanField()
    short = ShortComponentSerializer(many=True)
    order = ManufacturingOrderSerializer()
