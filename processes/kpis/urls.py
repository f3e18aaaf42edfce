from django.urls import path

from processes.kpis.api import KpiView

urlpatterns = [path("kpis/", KpiView.as_view(), name="kpis")]
