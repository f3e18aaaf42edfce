from django.urls import path

from processes.notifications import pages, settings_page

app_name = "notifications"

urlpatterns = [
    path("notifications/", pages.notification_list, name="list"),
    path("notifications/bell/", pages.bell, name="bell"),
    path("notifications/settings/", settings_page.notification_settings, name="settings"),
    path("notifications/read/", pages.read_all, name="read-all"),
    path("notifications/<int:pk>/read/", pages.read, name="read"),
]
