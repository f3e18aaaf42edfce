from rest_framework.routers import SimpleRouter

from processes.shipment import api

router = SimpleRouter()
router.register("shipments", api.ShipmentViewSet, basename="shipment")

urlpatterns = router.urls
