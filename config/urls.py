from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # The engine's API (tasks, instances, definitions ...) and the health check first:
    # they take the most calls, and a path is matched against the routes in order.
    path("", include("api.urls")),
    # Camunda 7's REST API for external-task workers (api/camunda/).
    path("engine-rest/", include("api.camunda.urls")),
    path("engine-rest/engine/default/", include("api.camunda.urls")),
    # The business records (parties, products, stock ...) under /api/.
    path("api/", include("processes.urls")),
    # The notifications page and the top bar's bell.
    path("", include("processes.notifications.page_urls")),
    # The comment forms of the task and case pages.
    path("", include("processes.collab.page_urls")),
    # The web pages (login, inbox, tasks, processes, monitor, dashboard).
    path("", include("web.urls")),
]
