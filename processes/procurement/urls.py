from rest_framework.routers import SimpleRouter

from processes.procurement import api

router = SimpleRouter()
router.register("purchase-requests", api.PurchaseRequestViewSet, basename="purchase-request")
router.register("purchase-orders", api.PurchaseOrderViewSet, basename="purchase-order")
router.register("goods-receipts", api.GoodsReceiptViewSet, basename="goods-receipt")
router.register("supplier-bills", api.SupplierBillViewSet, basename="supplier-bill")

urlpatterns = router.urls
