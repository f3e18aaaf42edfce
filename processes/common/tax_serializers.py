"""The API shape of a document's tax breakdown, shared by sales and purchases."""

from rest_framework import serializers


class TaxBreakdownSerializer(serializers.Serializer):
    """One rate of a document: its rate (percent), the net taxed at it and the tax."""

    rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    net = serializers.DecimalField(max_digits=14, decimal_places=2)
    tax = serializers.DecimalField(max_digits=14, decimal_places=2)
