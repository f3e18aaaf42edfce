from rest_framework.routers import SimpleRouter

from processes.catalog import api

router = SimpleRouter()
router.register("products", api.ProductViewSet, basename="product")
router.register("price-lists", api.PriceListViewSet, basename="price-list")
router.register("customer-prices", api.CustomerPriceViewSet, basename="customer-price")

urlpatterns = router.urls
