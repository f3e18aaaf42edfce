from django.urls import path

from processes.notifications import api

urlpatterns = [
    path(
        "notifications/preferences/",
        api.PreferenceView.as_view(),
        name="notification-preferences",
    ),
    path("notifications/", api.NotificationListView.as_view(), name="notification-list"),
    path(
        "notifications/all/read/",
        api.NotificationReadAllView.as_view(),
        name="notification-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        api.NotificationReadView.as_view(),
        name="notification-read",
    ),
]
