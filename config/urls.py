from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    # The web pages (login, inbox, tasks, processes, monitor, dashboard).
    path("", include("web.urls")),
]
