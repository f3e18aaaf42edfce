"""The business API's routes, included under /api/ by api/urls.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("processes.crm.urls")),
    path("", include("processes.catalog.urls")),
    path("", include("processes.inventory.urls")),
    path("", include("processes.sales.urls")),
    path("", include("processes.procurement.urls")),
    path("", include("processes.production.urls")),
    path("", include("processes.shipment.urls")),
    path("", include("processes.kpis.urls")),
    path("", include("processes.notifications.urls")),
    path("", include("processes.collab.urls")),
    path("", include("processes.access.urls")),
    path("", include("processes.audit.urls")),
]
