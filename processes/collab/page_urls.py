from django.urls import path

from processes.collab import pages

app_name = "collab"

urlpatterns = [
    path("comments/", pages.post, name="comment-post"),
    path("comments/<int:pk>/remove/", pages.remove, name="comment-remove"),
    path("attachments/", pages.attach, name="attach"),
    path("attachments/<int:pk>/", pages.download, name="attachment"),
]
