from rest_framework.routers import SimpleRouter

from processes.inventory import api

router = SimpleRouter()
router.register("warehouses", api.WarehouseViewSet, basename="warehouse")
router.register("stock-moves", api.StockMoveViewSet, basename="stock-move")
router.register("reservations", api.ReservationViewSet, basename="reservation")

urlpatterns = router.urls
