from rest_framework.routers import SimpleRouter

from processes.crm import api

router = SimpleRouter()
router.register("parties", api.PartyViewSet, basename="party")
router.register("contacts", api.ContactViewSet, basename="contact")
router.register("addresses", api.AddressViewSet, basename="address")
router.register("deals", api.DealViewSet, basename="deal")
router.register("funnel-stages", api.FunnelStageViewSet, basename="funnel-stage")
router.register("interactions", api.InteractionViewSet, basename="interaction")

urlpatterns = router.urls
