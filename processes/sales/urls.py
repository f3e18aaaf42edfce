from rest_framework.routers import SimpleRouter

from processes.sales import api

router = SimpleRouter()
router.register("quotations", api.QuotationViewSet, basename="quotation")
router.register("sales-orders", api.SalesOrderViewSet, basename="sales-order")
router.register("invoices", api.InvoiceViewSet, basename="invoice")
router.register("credit-notes", api.CreditNoteViewSet, basename="credit-note")
router.register("payments", api.PaymentViewSet, basename="payment")

urlpatterns = router.urls
