"""The HTTP API (API.md) and the health check; config/urls.py includes this at the root."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api.views import (
    batches,
    definitions,
    element_templates,
    incidents,
    instances,
    messages,
    metrics,
    migrations,
    modification,
    service,
    signals,
    task_follow_up,
    tasks,
    tokens,
    versions,
)

urlpatterns = [
    # The inbox first: a path is matched against the routes in order, and its routes
    # (a task's completion above all) take the most calls.
    path("api/tasks/", tasks.TaskListView.as_view(), name="task-list"),
    path("api/tasks/<int:pk>/", tasks.TaskDetailView.as_view(), name="task-detail"),
    path("api/tasks/<int:pk>/claim/", tasks.TaskClaimView.as_view(), name="task-claim"),
    path("api/tasks/<int:pk>/unclaim/", tasks.TaskUnclaimView.as_view(), name="task-unclaim"),
    path("api/tasks/<int:pk>/complete/", tasks.TaskCompleteView.as_view(), name="task-complete"),
    path("api/tasks/<int:pk>/assign/", tasks.TaskAssignView.as_view(), name="task-assign"),
    path("api/tasks/<int:pk>/delegate/", tasks.TaskDelegateView.as_view(), name="task-delegate"),
    path("api/tasks/<int:pk>/resolve/", tasks.TaskResolveView.as_view(), name="task-resolve"),
    path(
        "api/tasks/<int:pk>/follow-up/",
        task_follow_up.TaskFollowUpView.as_view(),
        name="task-follow-up",
    ),
    path("health/", service.HealthView.as_view(), name="health"),
    path("health/live/", service.LiveView.as_view(), name="health-live"),
    path("health/ready/", service.ReadyView.as_view(), name="health-ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("api/auth/token/", service.TokenView.as_view(), name="api-token"),
    path("api/auth/tokens/", tokens.TokenListView.as_view(), name="api-tokens"),
    path("api/auth/tokens/<int:pk>/", tokens.TokenDetailView.as_view(), name="api-token-detail"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Definitions: validate/ comes before {key}/ so that it is not read as a key.
    path("api/definitions/", definitions.DefinitionListView.as_view(), name="definition-list"),
    path(
        "api/definitions/validate/",
        definitions.DefinitionValidateView.as_view(),
        name="definition-validate",
    ),
    path(
        "api/definitions/<str:key>/",
        definitions.DefinitionDetailView.as_view(),
        name="definition-detail",
    ),
    path(
        "api/definitions/<str:key>/start/",
        instances.CaseStartView.as_view(),
        name="definition-start",
    ),
    path(
        "api/definitions/<str:key>/xml/",
        definitions.DefinitionXmlView.as_view(),
        name="definition-xml",
    ),
    path(
        "api/definitions/<str:key>/diff/",
        versions.DefinitionDiffView.as_view(),
        name="definition-diff",
    ),
    path(
        "api/definitions/<str:key>/rollback/",
        versions.DefinitionRollbackView.as_view(),
        name="definition-rollback",
    ),
    path(
        "api/element-templates/",
        element_templates.ElementTemplateListView.as_view(),
        name="element-templates",
    ),
    # Instances and incidents.
    path("api/instances/", instances.InstanceListView.as_view(), name="instance-list"),
    path("api/instances/<int:pk>/", instances.InstanceDetailView.as_view(), name="instance-detail"),
    path(
        "api/instances/<int:pk>/variables/",
        instances.InstanceVariablesView.as_view(),
        name="instance-variables",
    ),
    path(
        "api/instances/<int:pk>/modify/",
        modification.InstanceModifyView.as_view(),
        name="instance-modify",
    ),
    path(
        "api/instances/<int:pk>/history/",
        instances.InstanceHistoryView.as_view(),
        name="instance-history",
    ),
    path(
        "api/instances/<int:pk>/cancel/",
        instances.InstanceCancelView.as_view(),
        name="instance-cancel",
    ),
    path(
        "api/instances/<int:pk>/suspend/",
        instances.InstanceSuspendView.as_view(),
        name="instance-suspend",
    ),
    path(
        "api/instances/<int:pk>/resume/",
        instances.InstanceResumeView.as_view(),
        name="instance-resume",
    ),
    path("api/batches/", batches.BatchListView.as_view(), name="batches"),
    path("api/batches/<int:pk>/", batches.BatchDetailView.as_view(), name="batch"),
    path("api/migrations/plan/", migrations.MigrationPlanView.as_view(), name="migration-plan"),
    path("api/migrations/", migrations.MigrationView.as_view(), name="migrations"),
    path("api/messages/", messages.MessageSendView.as_view(), name="message-send"),
    path("api/signals/", signals.SignalSendView.as_view(), name="signal-send"),
    path("api/incidents/", incidents.IncidentListView.as_view(), name="incident-list"),
    path(
        "api/incidents/<int:pk>/retry/",
        incidents.IncidentRetryView.as_view(),
        name="incident-retry",
    ),
]
