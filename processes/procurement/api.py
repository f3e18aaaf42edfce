"""The procurement API: /api/purchase-requests/, /api/purchase-orders/ (with approval,
sending, goods receipt and bill actions), /api/goods-receipts/, /api/supplier-bills/.

Rights: processes.access.
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from processes.common.filters import boolean, choice, integer, text
from processes.common.viewsets import BusinessReadViewSet, BusinessViewSet
from processes.ownership.api import ProcessStepsMixin
from processes.procurement import documents, selectors, services
from processes.procurement.models import PurchaseOrder, PurchaseRequest, SupplierBill
from processes.procurement.serializers import (
    FromRequestsSerializer,
    GoodsReceiptSerializer,
    PurchaseOrderReasonSerializer,
    PurchaseOrderSerializer,
    PurchaseRequestSerializer,
    ReceiveSerializer,
    SupplierBillSerializer,
)


def _input(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PurchaseRequestViewSet(BusinessViewSet):
    serializer_class = PurchaseRequestSerializer
    record_kind = "purchases"
    http_method_names = ["get", "post", "head", "options"]
    filter_params = {
        "product": ("product_id", integer),
        "reason": ("reason", choice(PurchaseRequest.Reason)),
        "status": ("status", choice(PurchaseRequest.Status)),
        "reference": ("reference", text),
    }
    search_fields = ["product__sku", "product__name", "reference"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.purchase_request_list()

    def create_record(self, data, user):
        return services.purchase_request_create(**data, user=user)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Open → cancelled; 409 otherwise."""
        record = services.purchase_request_cancel(request=self.get_object(), user=request.user)
        return Response(self.get_serializer(self.reread(record)).data)

    @extend_schema(request=None, responses={201: PurchaseRequestSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="from-reorder-rules")
    def from_reorder_rules(self, request):
        """A request for each product below its reorder rule (none twice); 201 with them."""
        created = services.purchase_requests_from_reorder_rules(user=request.user)
        rows = self.get_queryset().filter(pk__in=[r.pk for r in created])
        return Response(self.get_serializer(rows, many=True).data, status=201)


class PurchaseOrderViewSet(ProcessStepsMixin, BusinessViewSet):
    serializer_class = PurchaseOrderSerializer
    http_method_names = ["get", "post", "head", "options"]
    filter_params = {
        "supplier": ("supplier_id", integer),
        "status": ("status", choice(PurchaseOrder.Status)),
        "warehouse": ("warehouse_id", integer),
        "number": ("number", text),
    }
    search_fields = ["number", "supplier__name"]
    ordering_fields = ["created_at", "total"]

    record_kind = "purchases"
    # Managers approve and reject; the procurement group does the rest.
    action_rights = {"approve": "approve", "reject": "approve"}
    process_steps = {
        "request_approval": _("asking for approval"),
        "approve": _("approving the purchase order"),
        "reject": _("rejecting the purchase order"),
        "send": _("sending the purchase order"),
        "cancel": _("cancelling the purchase order"),
        "receive": _("receiving the goods"),
    }

    def get_queryset(self):
        return selectors.purchase_order_list()

    def create_record(self, data, user):
        return services.purchase_order_create(**data, user=user)

    def _answer(self, order, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.reread(order)).data, status=code)

    @extend_schema(request=FromRequestsSerializer, responses={201: PurchaseOrderSerializer})
    @action(detail=False, methods=["post"], url_path="from-requests")
    def from_requests(self, request):
        """One order for open requests: {"requests": [ids], "supplier"?, "warehouse"?}."""
        data = _input(FromRequestsSerializer, request)
        order = services.purchase_order_create_from_requests(**data, user=request.user)
        return self._answer(order, status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="request-approval")
    def request_approval(self, request, pk=None):
        """Draft → awaiting approval."""
        order = services.purchase_order_request_approval(order=self.get_object())
        return self._answer(order)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Draft or awaiting approval → approved (managers); 409 from other statuses."""
        return self._answer(
            services.purchase_order_approve(order=self.get_object(), user=request.user)
        )

    @extend_schema(request=PurchaseOrderReasonSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Draft or awaiting approval → cancelled (managers): {"reason"?}."""
        reason = _input(PurchaseOrderReasonSerializer, request)["reason"]
        order = services.purchase_order_reject(
            order=self.get_object(), reason=reason, user=request.user
        )
        return self._answer(order)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """Approved → sent to the supplier."""
        return self._answer(services.purchase_order_send(order=self.get_object()))

    @extend_schema(request=PurchaseOrderReasonSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel before anything was received: {"reason"?}."""
        reason = _input(PurchaseOrderReasonSerializer, request)["reason"]
        return self._answer(services.purchase_order_cancel(order=self.get_object(), reason=reason))

    @extend_schema(request=ReceiveSerializer, responses={201: GoodsReceiptSerializer})
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        """Goods in: {"lines"?: [{"product", "quantity"}], "quality_ok"?, "notes"?}."""
        data = _input(ReceiveSerializer, request)
        receipt = services.goods_receipt_record(order=self.get_object(), user=request.user, **data)
        receipt = selectors.goods_receipt_list().get(pk=receipt.pk)
        return Response(GoodsReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SupplierBillSerializer, responses={201: SupplierBillSerializer})
    @action(detail=True, methods=["post"])
    def bills(self, request, pk=None):
        """Record the supplier's bill: {"number", "amount"?, "lines"?, "bill_date"?,
        "due_date"?} (docs/taxes.md)."""
        data = _input(SupplierBillSerializer, request)
        bill = services.supplier_bill_record(order=self.get_object(), user=request.user, **data)
        return Response(SupplierBillSerializer(bill).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF")
        }
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The purchase order as a PDF document for the supplier, in the reader's language."""
        order = self.get_object()
        return HttpResponse(
            documents.purchase_order_pdf(order),
            content_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{order.number}.pdf"'},
        )


class GoodsReceiptViewSet(BusinessReadViewSet):
    """Receipts are recorded on their order (POST /api/purchase-orders/{id}/receive/)."""

    serializer_class = GoodsReceiptSerializer
    record_kind = "purchases"
    filter_params = {"order": ("order_id", integer), "quality_ok": ("quality_ok", boolean)}
    ordering_fields = ["received_at"]

    def get_queryset(self):
        return selectors.goods_receipt_list()


class SupplierBillViewSet(BusinessReadViewSet):
    """Bills are recorded on their order (POST /api/purchase-orders/{id}/bills/)."""

    serializer_class = SupplierBillSerializer
    record_kind = "purchases"
    filter_params = {
        "order": ("order_id", integer),
        "supplier": ("supplier_id", integer),
        "status": ("status", choice(SupplierBill.Status)),
    }
    search_fields = ["number", "supplier__name"]
    ordering_fields = ["bill_date", "due_date", "amount"]

    def get_queryset(self):
        return selectors.supplier_bill_list()

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        """Open → paid; 409 when already paid."""
        bill = services.supplier_bill_mark_paid(bill=self.get_object(), user=request.user)
        return Response(self.get_serializer(bill).data)
