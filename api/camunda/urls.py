"""/engine-rest/ (and /engine-rest/engine/default/, where some clients put the engine name)."""

from django.urls import path

from . import views

urlpatterns = [
    path("engine", views.EngineListView.as_view(), name="camunda-engines"),
    path(
        "external-task/fetchAndLock",
        views.FetchAndLockView.as_view(),
        name="camunda-fetch-and-lock",
    ),
    path(
        "external-task/<str:task_id>/complete",
        views.CompleteView.as_view(),
        name="camunda-complete",
    ),
    path(
        "external-task/<str:task_id>/failure", views.FailureView.as_view(), name="camunda-failure"
    ),
    path(
        "external-task/<str:task_id>/bpmnError",
        views.BpmnErrorView.as_view(),
        name="camunda-bpmn-error",
    ),
    path(
        "external-task/<str:task_id>/extendLock",
        views.ExtendLockView.as_view(),
        name="camunda-extend-lock",
    ),
    path("external-task/<str:task_id>/unlock", views.UnlockView.as_view(), name="camunda-unlock"),
    path(
        "process-definition/key/<str:key>/start",
        views.StartByKeyView.as_view(),
        name="camunda-start",
    ),
    path("message", views.MessageView.as_view(), name="camunda-message"),
    path("signal", views.SignalView.as_view(), name="camunda-signal"),
]
