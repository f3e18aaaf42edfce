"""The sales API: /api/quotations/, /api/sales-orders/, /api/invoices/, /api/payments/.

Rights: processes.access. Documents are created here
and then moved on by their actions (send, accept, confirm, reserve-stock, invoice, ...);
they are not edited in place. The PDFs are at /api/quotations/{id}/pdf/ and
/api/invoices/{id}/pdf/.
"""

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_KEY, idempotent
from processes.access import documents_for
from processes.common.filters import choice, integer, text
from processes.common.viewsets import BusinessReadViewSet, BusinessViewSet
from processes.ownership.api import ProcessStepsMixin
from processes.sales import selectors, services
from processes.sales.models import CreditNote, Invoice, Payment, Quotation, SalesOrder
from processes.sales.serializers import (
    CreditNoteRequestSerializer,
    CreditNoteSerializer,
    InvoiceRequestSerializer,
    InvoiceSerializer,
    PaymentSerializer,
    QuotationSerializer,
    ReasonSerializer,
    SalesOrderSerializer,
    StockReservationSerializer,
)

PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF")}


def _pdf_response(record, render) -> FileResponse:
    """The stored PDF; one is made first if the record has none yet."""
    if not record.pdf:
        render(record)
    return FileResponse(
        record.pdf.open("rb"), content_type="application/pdf", filename=f"{record.number}.pdf"
    )


class CreateAndActViewSet(BusinessViewSet):
    """Create, list, read; no edits in place (changes go through the actions)."""

    http_method_names = ["get", "post", "head", "options"]

    def _answer(self, record, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.reread(record)).data, status=code)


class QuotationViewSet(ProcessStepsMixin, CreateAndActViewSet):
    record_kind = "quotations"
    # The quotation of an order that its sales process moves is sent and decided there.
    process_steps = {
        "send": _("sending the quotation"),
        "accept": _("accepting the quotation"),
        "reject": _("rejecting the quotation"),
        "order": _("ordering from the quotation"),
    }
    serializer_class = QuotationSerializer
    filter_params = {"party": ("party_id", integer), "status": ("status", choice(Quotation.Status))}
    search_fields = ["number", "party__name"]
    ordering_fields = ["created_at", "valid_until", "total"]

    def get_queryset(self):
        return documents_for(self.request.user, selectors.quotation_list())

    def create_record(self, data, user):
        return services.quotation_create(**data, user=user)

    def owning_documents(self, record) -> list:
        return [getattr(record, "order", None)]

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """Draft → sent (its PDF is made); 409 from any other status."""
        return self._answer(services.quotation_send(quotation=self.get_object(), user=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Sent → accepted while still valid; 409 otherwise."""
        quotation = services.quotation_accept(quotation=self.get_object(), user=request.user)
        return self._answer(quotation)

    @extend_schema(request=ReasonSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Draft or sent → rejected: {"reason"?}."""
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        quotation = services.quotation_reject(
            quotation=self.get_object(), reason=data.validated_data["reason"], user=request.user
        )
        return self._answer(quotation)

    @extend_schema(request=None, responses={201: SalesOrderSerializer})
    @action(detail=True, methods=["post"])
    def order(self, request, pk=None):
        """The sales order of an accepted quotation (201); 409 when not accepted."""
        order = services.order_create_from_quotation(quotation=self.get_object(), user=request.user)
        data = SalesOrderSerializer(selectors.order_list().get(pk=order.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PDF)
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The quotation as a PDF document."""
        return _pdf_response(
            self.get_object(), lambda q: services.quotation_render_pdf(quotation=q)
        )


class SalesOrderViewSet(ProcessStepsMixin, CreateAndActViewSet):
    record_kind = "orders"
    process_steps = {
        "confirm": _("confirming the order"),
        "cancel": _("cancelling the order"),
        "reserve_stock": _("reserving its stock"),
        "quotation": _("making its quotation"),
        "invoice": _("invoicing the order"),
    }
    serializer_class = SalesOrderSerializer
    filter_params = {
        "party": ("party_id", integer),
        "status": ("status", choice(SalesOrder.Status)),
        "fulfilment_status": ("fulfilment_status", choice(SalesOrder.Fulfilment)),
        "billing_status": ("billing_status", choice(SalesOrder.Billing)),
        "number": ("number", text),
    }
    search_fields = ["number", "party__name"]
    ordering_fields = ["created_at", "confirmed_at", "total"]

    def get_queryset(self):
        return documents_for(self.request.user, selectors.order_list())

    def create_record(self, data, user):
        return services.order_create(**data, user=user)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Draft → confirmed; 409 from any other status."""
        return self._answer(services.order_confirm(order=self.get_object(), user=request.user))

    @extend_schema(request=ReasonSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel before shipping and invoicing: {"reason"?}; reservations are released."""
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_cancel(
            order=self.get_object(), reason=data.validated_data["reason"], user=request.user
        )
        return self._answer(order)

    @extend_schema(request=None, responses=StockReservationSerializer)
    @action(detail=True, methods=["post"], url_path="reserve-stock")
    def reserve_stock(self, request, pk=None):
        """Reserve what the lines still lack: {"all_reserved", "short": [...], "order"}."""
        result = services.order_reserve_stock(order=self.get_object(), user=request.user)
        short = [
            {
                "line_id": s.line.pk,
                "product_id": s.line.product_id,
                "sku": s.line.product.sku,
                "kind": s.line.product.kind,
                "quantity": s.quantity,
            }
            for s in result.short
        ]
        order = self.reread(result.order)
        body = {"all_reserved": result.all_reserved, "short": short, "order": order}
        return Response(StockReservationSerializer(body).data)

    @extend_schema(request=None, responses={201: QuotationSerializer})
    @action(detail=True, methods=["post"])
    def quotation(self, request, pk=None):
        """The quotation of a draft order (same lines and prices), 201."""
        quotation = services.quotation_create_for_order(order=self.get_object(), user=request.user)
        data = QuotationSerializer(selectors.quotation_list().get(pk=quotation.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InvoiceRequestSerializer, responses={201: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def invoice(self, request, pk=None):
        """Invoice what is not invoiced yet: {"due_in_days"?: 14}; 409 when nothing is left."""
        data = InvoiceRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invoice = services.invoice_create_for_order(
            order=self.get_object(), user=request.user, **data.validated_data
        )
        data = InvoiceSerializer(selectors.invoice_list().get(pk=invoice.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)


class InvoiceViewSet(ProcessStepsMixin, BusinessReadViewSet):
    """Invoices are made from their order (POST /api/sales-orders/{id}/invoice/)."""

    # The invoice of an order its sales process moves is paid and cancelled there.
    process_steps = {"payments": _("recording a payment"), "cancel": _("cancelling the invoice")}

    serializer_class = InvoiceSerializer
    record_kind = "invoices"
    filter_params = {
        "order": ("order_id", integer),
        "party": ("order__party_id", integer),
        "status": ("status", choice(Invoice.Status)),
    }
    search_fields = ["number", "order__number", "order__party__name"]
    ordering_fields = ["created_at", "due_date", "total"]

    def get_queryset(self):
        return documents_for(self.request.user, selectors.invoice_list())

    def owning_documents(self, record) -> list:
        return [record.order]

    @extend_schema(
        request=PaymentSerializer, responses={201: PaymentSerializer}, parameters=[IDEMPOTENCY_KEY]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def payments(self, request, pk=None):
        """Record a payment {"amount", "method"?, "reference"?, "at"?}; 409 when not open."""
        data = PaymentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = services.payment_record(
            invoice=self.get_object(), user=request.user, **data.validated_data
        )
        return Response(PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel an open invoice without payments by a credit note; 409 otherwise."""
        invoice = services.invoice_cancel(invoice=self.get_object(), user=request.user)
        return Response(self.get_serializer(selectors.invoice_list().get(pk=invoice.pk)).data)

    @extend_schema(request=CreditNoteRequestSerializer, responses={201: CreditNoteSerializer})
    @action(detail=True, methods=["post"], url_path="credit-notes")
    def credit_notes(self, request, pk=None):
        """Credit chosen lines: {"lines": [{"line", "quantity"}], "reason"?: "return" |
        "correction", "note"?}; 400 naming a line credited beyond what is left."""
        data = CreditNoteRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = services.credit_note_create(
            invoice=self.get_object(), user=request.user, **data.validated_data
        )
        answer = CreditNoteSerializer(selectors.credit_note_list().get(pk=note.pk))
        return Response(answer.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PDF)
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The invoice as a PDF document."""
        return _pdf_response(self.get_object(), lambda i: services.invoice_render_pdf(invoice=i))


class CreditNoteViewSet(BusinessReadViewSet):
    """Credit notes are made by cancelling their invoice (POST /api/invoices/{id}/cancel/)."""

    serializer_class = CreditNoteSerializer
    record_kind = "invoices"
    filter_params = {
        "invoice": ("invoice_id", integer),
        "party": ("invoice__order__party_id", integer),
        "reason": ("reason", choice(CreditNote.Reason)),
    }
    search_fields = ["number", "invoice__number", "invoice__order__party__name"]
    ordering_fields = ["created_at", "total"]

    def get_queryset(self):
        return documents_for(self.request.user, selectors.credit_note_list())

    @extend_schema(responses=PDF)
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The credit note as a PDF document."""
        return _pdf_response(
            self.get_object(), lambda note: services.credit_note_render_pdf(credit_note=note)
        )


class PaymentViewSet(BusinessReadViewSet):
    """Payments are recorded on their invoice (POST /api/invoices/{id}/payments/)."""

    serializer_class = PaymentSerializer
    record_kind = "payments"
    filter_params = {
        "invoice": ("invoice_id", integer),
        "method": ("method", choice(Payment.Method)),
    }
    ordering_fields = ["at", "amount"]

    def get_queryset(self):
        return documents_for(self.request.user, selectors.payment_list())
