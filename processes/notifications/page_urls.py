from django.urls import path

from processes.notifications import end_page, pages, settings_page

app_name = "notifications"

urlpatterns = [
    path("notifications/", pages.notification_list, name="list"),
    path("notifications/bell/", pages.bell, name="bell"),
    path("notifications/settings/", settings_page.notification_settings, name="settings"),
    path("notifications/read/", pages.read_all, name="read-all"),
    path("notifications/<int:pk>/read/", pages.read, name="read"),
    # Outside /processes/{key}/ so that no process key can shadow it.
    path("notifications/processes/<str:key>/end/", end_page.end_notice, name="end-notice"),
]
