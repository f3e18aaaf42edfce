from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # The business records (parties, products, stock ...) under /api/.
    path("api/", include("processes.urls")),
    path("", include("api.urls")),
    # The web pages (login, inbox, tasks, processes, monitor, dashboard).
    path("", include("web.urls")),
]
