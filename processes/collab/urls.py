from django.urls import path

from processes.collab import api

urlpatterns = [
    path("comments/", api.CommentListView.as_view(), name="comment-list"),
    path("comments/<int:pk>/", api.CommentDetailView.as_view(), name="comment-detail"),
    path("comments/<int:pk>/remove/", api.CommentRemoveView.as_view(), name="comment-remove"),
]
