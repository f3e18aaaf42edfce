from rest_framework.routers import SimpleRouter

from processes.inventory import api, api_moves

router = SimpleRouter()
router.register("warehouses", api.WarehouseViewSet, basename="warehouse")
router.register("stock-moves", api.StockMoveViewSet, basename="stock-move")
router.register("reservations", api.ReservationViewSet, basename="reservation")
router.register("stock-transfers", api_moves.StockTransferViewSet, basename="stock-transfer")
router.register("stock-counts", api_moves.StockCountViewSet, basename="stock-count")

urlpatterns = router.urls
