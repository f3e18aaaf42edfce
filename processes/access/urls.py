from django.urls import path

from processes.access import rights_api

urlpatterns = [
    path("rights/", rights_api.RightsListView.as_view(), name="rights-list"),
    path("rights/<str:name>/", rights_api.GroupRightsView.as_view(), name="rights-group"),
]
