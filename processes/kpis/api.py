"""GET /api/kpis/?date=YYYY-MM-DD: the day's key figures (API.md), for those who read reports
(the dashboard's readers: managers), as sales figures are money the other groups need not see."""

from datetime import date

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from processes.access.api import KindPermission
from processes.kpis.selectors import day_figures

FIGURES = inline_serializer(
    "KeyFigures",
    {
        "sales_today": serializers.DecimalField(max_digits=14, decimal_places=2),
        "orders_today": serializers.IntegerField(),
        "produced_today": serializers.DecimalField(max_digits=14, decimal_places=3),
        "stock": inline_serializer(
            "StockFigure",
            {
                "sku": serializers.CharField(),
                "on_hand": serializers.DecimalField(max_digits=14, decimal_places=3),
                "available": serializers.DecimalField(max_digits=14, decimal_places=3),
            },
            many=True,
        ),
        "open_tasks_by_group": serializers.DictField(child=serializers.IntegerField()),
        "overdue_tasks": serializers.IntegerField(),
    },
)


class KpiView(APIView):
    permission_classes = [KindPermission]
    record_kind = "reports"

    @extend_schema(
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="Default: today")],
        responses=FIGURES,
    )
    def get(self, request):
        raw = request.query_params.get("date") or ""
        try:
            day = date.fromisoformat(raw) if raw else None
        except ValueError:
            raise ValidationError(
                {"date": [_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw}]}
            ) from None
        return Response(day_figures(day))
