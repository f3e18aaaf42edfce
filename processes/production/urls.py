from rest_framework.routers import SimpleRouter

from processes.production import api

router = SimpleRouter()
router.register("boms", api.BomViewSet, basename="bom")
router.register("manufacturing-orders", api.ManufacturingOrderViewSet, basename="mo")

urlpatterns = router.urls
