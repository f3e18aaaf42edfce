from django.urls import path

from processes.collab import api, api_attachments, api_filters

urlpatterns = [
    path("comments/", api.CommentListView.as_view(), name="comment-list"),
    path("comments/<int:pk>/", api.CommentDetailView.as_view(), name="comment-detail"),
    path("comments/<int:pk>/remove/", api.CommentRemoveView.as_view(), name="comment-remove"),
    path("attachments/", api_attachments.AttachmentListView.as_view(), name="attachment-list"),
    path(
        "attachments/<int:pk>/download/",
        api_attachments.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
    path("filters/", api_filters.SavedFilterListView.as_view(), name="filter-list"),
    path("filters/<int:pk>/", api_filters.SavedFilterDetailView.as_view(), name="filter-detail"),
]
