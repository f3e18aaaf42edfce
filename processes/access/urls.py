from django.urls import path

from processes.access import accounts_api, rights_api

urlpatterns = [
    path("rights/", rights_api.RightsListView.as_view(), name="rights-list"),
    path("rights/<str:name>/", rights_api.GroupRightsView.as_view(), name="rights-group"),
    path("users/", accounts_api.AccountListView.as_view(), name="users"),
    path("users/<int:pk>/", accounts_api.AccountDetailView.as_view(), name="user"),
    path(
        "users/<int:pk>/password-reset/",
        accounts_api.AccountPasswordResetView.as_view(),
        name="user-password-reset",
    ),
]
